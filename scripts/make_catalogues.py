"""Write src/clausepress/locale/<language>.po from the translations below (the source of the
catalogues' first edition; a translator edits the .po files themselves from now on).

    python scripts/make_catalogues.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from clausepress.furniture import LOCALE, MESSAGES  # noqa: E402

(P, C, PR, OP, AN, AN_N, N, PL, L, CV, MISS, ED, UNU, UNU2, ACC, SUM) = MESSAGES
NB = "\u00a0"

T: dict[str, dict[str, str]] = {
    "fr": {
        P: "Page {page} sur {pages}",
        C: "Table des matières",
        PR: "Préambule",
        OP: "Dispositif",
        AN: "Annexe",
        AN_N: "Annexe {number}",
        N: "Notes",
        PL: "Pages de l’édition imprimée",
        L: "Repères",
        CV: "Couverture",
        MISS: "Cible du lien non indiquée dans le texte source.",
        ED: "Adresse fournie par l’éditeur.",
        UNU: f"Cible du lien inutilisable{NB}: «{NB}{{url}}{NB}».",
        UNU2: "Cible du lien inutilisable (adresse autre que http ou https).",
        ACC: "Consulté le {date}.",
        SUM: "Document uniquement textuel, dans l’ordre de lecture, dont la langue est indiquée, doté de "
        "titres et de repères pour la navigation structurelle, d’une table des matières qui énumère "
        "chaque paragraphe du dispositif, de notes liées à leurs appels et inversement, et d’une liste "
        "des pages qui correspond aux pages du PDF imprimé. Sa seule image est la couverture, qui montre "
        "le titre, l’auteur et la date, et le dit dans son texte de remplacement. Il ne comporte ni son, "
        "ni vidéo, ni danger.",
    },
    "es": {
        P: "Página {page} de {pages}",
        C: "Índice",
        PR: "Preámbulo",
        OP: "Parte dispositiva",
        AN: "Anexo",
        AN_N: "Anexo {number}",
        N: "Notas",
        PL: "Páginas de la edición impresa",
        L: "Puntos de referencia",
        CV: "Cubierta",
        MISS: "El texto de origen no indica el destino del enlace.",
        ED: "Dirección aportada por el editor.",
        UNU: "Destino del enlace no utilizable: «{url}».",
        UNU2: "Destino del enlace no utilizable (no es una dirección http o https).",
        ACC: "Consultado el {date}.",
        SUM: "Documento solo de texto, en orden de lectura, con su idioma indicado, encabezados y puntos de "
        "referencia para la navegación estructural, un índice que enumera cada párrafo de la parte "
        "dispositiva, notas enlazadas con sus llamadas en ambos sentidos y una lista de páginas que "
        "corresponde a las páginas del PDF impreso. Su única imagen es la cubierta, que muestra el "
        "título, el emisor y la fecha, y lo dice en su texto alternativo. No contiene audio, vídeo ni "
        "riesgos.",
    },
    "ru": {
        P: "Страница {page} из {pages}",
        C: "Содержание",
        PR: "Преамбула",
        OP: "Постановляющая часть",
        AN: "Приложение",
        AN_N: "Приложение {number}",
        N: "Примечания",
        PL: "Страницы печатного издания",
        L: "Ориентиры",
        CV: "Обложка",
        MISS: "Адрес ссылки в исходном тексте не указан.",
        ED: "Адрес указан редактором.",
        UNU: "Адрес ссылки непригоден: «{url}».",
        UNU2: "Адрес ссылки непригоден (это не адрес http или https).",
        ACC: "Дата обращения: {date}.",
        SUM: "Только текстовый документ в порядке чтения, с указанием языка, заголовками и ориентирами для "
        "структурной навигации, оглавлением, в котором перечислен каждый пункт постановляющей части, "
        "примечаниями, связанными со знаками сносок в обе стороны, и списком страниц, соответствующим "
        "страницам печатного PDF. Его единственное изображение — обложка, на которой показаны название, "
        "автор и дата, о чём сказано в её альтернативном тексте. В нём нет звука, видео и опасного "
        "содержимого.",
    },
    "zh": {
        P: "第 {page} 页，共 {pages} 页",
        C: "目录",
        PR: "序言",
        OP: "执行部分",
        AN: "附件",
        AN_N: "附件{number}",
        N: "注释",
        PL: "印刷版页码",
        L: "地标",
        CV: "封面",
        MISS: "原文未提供链接目标。",
        ED: "地址由编者提供。",
        UNU: "链接目标不可用：“{url}”。",
        UNU2: "链接目标不可用（不是 http 或 https 地址）。",
        ACC: "访问日期：{date}。",
        SUM: "纯文本文档，按阅读顺序排列，标明语言，设有供结构导航的标题和地标、列出每个执行段落的目录、"
        "与其注号双向链接的注释，以及与印刷版 PDF 页码一致的页码列表。唯一的图像是封面，显示标题、"
        "发布者和日期，其替代文本亦作说明。文档不含音频、视频，也无危险内容。",
    },
    "zh_Hant": {
        P: "第 {page} 頁，共 {pages} 頁",
        C: "目錄",
        PR: "序言",
        OP: "執行部分",
        AN: "附件",
        AN_N: "附件{number}",
        N: "註釋",
        PL: "印刷版頁碼",
        L: "地標",
        CV: "封面",
        MISS: "原文未提供連結目標。",
        ED: "地址由編者提供。",
        UNU: "連結目標不可用：「{url}」。",
        UNU2: "連結目標不可用（不是 http 或 https 位址）。",
        ACC: "存取日期：{date}。",
        SUM: "純文字文件，依閱讀順序排列，標明語言，設有供結構導覽的標題和地標、列出每個執行段落的目錄、"
        "與其註號雙向連結的註釋，以及與印刷版 PDF 頁碼一致的頁碼清單。唯一的圖像是封面，顯示標題、"
        "發布者和日期，其替代文字亦有說明。文件不含音訊、視訊，也無危險內容。",
    },
    "ar": {
        P: "الصفحة {page} من {pages}",
        C: "المحتويات",
        PR: "الديباجة",
        OP: "المنطوق",
        AN: "المرفق",
        AN_N: "المرفق {number}",
        N: "الحواشي",
        PL: "صفحات الطبعة المطبوعة",
        L: "معالم",
        CV: "الغلاف",
        MISS: "لم يذكر النص المصدر وجهة الرابط.",
        ED: "عنوان أضافه المحرر.",
        UNU: "وجهة الرابط غير صالحة: «{url}».",
        UNU2: "وجهة الرابط غير صالحة (ليست عنوان http أو https).",
        ACC: "تاريخ الاطلاع: {date}.",
        SUM: "وثيقة نصية فقط مرتبة حسب ترتيب القراءة، محددة اللغة، ذات عناوين ومعالم للتنقل البنيوي، وجدول "
        "محتويات يسرد كل فقرة من فقرات المنطوق، وحواشٍ مرتبطة بمواضع الإحالة إليها في الاتجاهين، وقائمة "
        "صفحات مطابقة لصفحات ملف PDF المطبوع. صورتها الوحيدة هي الغلاف، الذي يعرض العنوان والجهة المصدرة "
        "والتاريخ ويذكر ذلك في نصه البديل. لا تحتوي على صوت أو فيديو أو مخاطر.",
    },
    "de": {
        P: "Seite {page} von {pages}",
        C: "Inhalt",
        PR: "Präambel",
        OP: "Beschlussteil",
        AN: "Anlage",
        AN_N: "Anlage {number}",
        N: "Anmerkungen",
        PL: "Seiten der Druckausgabe",
        L: "Orientierungspunkte",
        CV: "Umschlag",
        MISS: "Linkziel im Ausgangstext nicht angegeben.",
        ED: "Adresse von der Redaktion ergänzt.",
        UNU: "Linkziel nicht verwendbar: „{url}“.",
        UNU2: "Linkziel nicht verwendbar (keine http- oder https-Adresse).",
        ACC: "Abgerufen am {date}.",
        SUM: "Ein reines Textdokument in Lesereihenfolge, mit angegebener Sprache, Überschriften und "
        "Orientierungspunkten für die strukturelle Navigation, einem Inhaltsverzeichnis, das jeden Absatz "
        "des Beschlussteils aufführt, Anmerkungen, die mit ihren Verweisstellen in beide Richtungen "
        "verknüpft sind, und einer Seitenliste, die den Seiten des gedruckten PDF entspricht. Sein einziges "
        "Bild ist der Umschlag, der Titel, Urheber und Datum zeigt und dies in seinem Alternativtext sagt. "
        "Es enthält weder Ton noch Video noch Gefahren.",
    },
    "it": {
        P: "Pagina {page} di {pages}",
        C: "Indice",
        PR: "Preambolo",
        OP: "Parte dispositiva",
        AN: "Allegato",
        AN_N: "Allegato {number}",
        N: "Note",
        PL: "Pagine dell’edizione a stampa",
        L: "Punti di riferimento",
        CV: "Copertina",
        MISS: "Destinazione del collegamento non indicata nel testo di origine.",
        ED: "Indirizzo fornito dal curatore.",
        UNU: "Destinazione del collegamento non utilizzabile: «{url}».",
        UNU2: "Destinazione del collegamento non utilizzabile (non è un indirizzo http o https).",
        ACC: "Consultato il {date}.",
        SUM: "Documento di solo testo, in ordine di lettura, con la lingua indicata, titoli e punti di "
        "riferimento per la navigazione strutturale, un indice che elenca ogni paragrafo della parte "
        "dispositiva, note collegate ai loro richiami nei due sensi e un elenco delle pagine corrispondente "
        "alle pagine del PDF a stampa. La sua unica immagine è la copertina, che mostra il titolo, l’autore "
        "e la data e lo dice nel suo testo alternativo. Non contiene audio, video né rischi.",
    },
    "pt": {
        P: "Página {page} de {pages}",
        C: "Índice",
        PR: "Preâmbulo",
        OP: "Parte dispositiva",
        AN: "Anexo",
        AN_N: "Anexo {number}",
        N: "Notas",
        PL: "Páginas da edição impressa",
        L: "Pontos de referência",
        CV: "Capa",
        MISS: "Destino da ligação não indicado no texto de origem.",
        ED: "Endereço fornecido pelo editor.",
        UNU: "Destino da ligação inutilizável: «{url}».",
        UNU2: "Destino da ligação inutilizável (não é um endereço http ou https).",
        ACC: "Consultado em {date}.",
        SUM: "Documento só de texto, em ordem de leitura, com a língua indicada, títulos e pontos de "
        "referência para a navegação estrutural, um índice que enumera cada parágrafo da parte dispositiva, "
        "notas ligadas às suas chamadas nos dois sentidos e uma lista de páginas que corresponde às páginas "
        "do PDF impresso. A sua única imagem é a capa, que mostra o título, o emissor e a data e o diz no "
        "seu texto alternativo. Não contém áudio, vídeo nem riscos.",
    },
    "ja": {
        P: "{page} / {pages} ページ",
        C: "目次",
        PR: "前文",
        OP: "本文",
        AN: "附属書",
        AN_N: "附属書{number}",
        N: "注",
        PL: "印刷版のページ",
        L: "ランドマーク",
        CV: "表紙",
        MISS: "リンク先は原文に示されていません。",
        ED: "アドレスは編集者が補ったものです。",
        UNU: "リンク先は使用できません：「{url}」。",
        UNU2: "リンク先は使用できません（http または https のアドレスではありません）。",
        ACC: "{date}閲覧。",
        SUM: "読む順序に並んだテキストのみの文書です。言語が指定され、構造をたどるための見出しとランドマーク、"
        "本文の各項を挙げる目次、注番号と双方向に結ばれた注、印刷版 PDF のページに対応するページリストを備えて"
        "います。唯一の画像は表紙で、標題、発行者、日付を示し、代替テキストでもそう述べています。音声、動画、"
        "危険な内容は含みません。",
    },
    "el": {
        P: "Σελίδα {page} από {pages}",
        C: "Περιεχόμενα",
        PR: "Προοίμιο",
        OP: "Διατακτικό",
        AN: "Παράρτημα",
        AN_N: "Παράρτημα {number}",
        N: "Σημειώσεις",
        PL: "Σελίδες της έντυπης έκδοσης",
        L: "Ορόσημα",
        CV: "Εξώφυλλο",
        MISS: "Ο προορισμός του συνδέσμου δεν δίνεται στο πρωτότυπο κείμενο.",
        ED: "Διεύθυνση που πρόσθεσε ο επιμελητής.",
        UNU: "Ο προορισμός του συνδέσμου δεν είναι χρησιμοποιήσιμος: «{url}».",
        UNU2: "Ο προορισμός του συνδέσμου δεν είναι χρησιμοποιήσιμος (δεν είναι διεύθυνση http ή https).",
        ACC: "Ανακτήθηκε στις {date}.",
        SUM: "Έγγραφο μόνο κειμένου, σε σειρά ανάγνωσης, με δηλωμένη γλώσσα, επικεφαλίδες και ορόσημα για "
        "δομική πλοήγηση, πίνακα περιεχομένων που απαριθμεί κάθε παράγραφο του διατακτικού, σημειώσεις "
        "συνδεδεμένες με τις παραπομπές τους προς τις δύο κατευθύνσεις και κατάλογο σελίδων που αντιστοιχεί "
        "στις σελίδες του έντυπου PDF. Η μόνη του εικόνα είναι το εξώφυλλο, που δείχνει τον τίτλο, τον "
        "εκδότη και την ημερομηνία και το λέει στο εναλλακτικό του κείμενο. Δεν περιέχει ήχο, βίντεο ή "
        "κινδύνους.",
    },
    "he": {
        P: "עמוד {page} מתוך {pages}",
        C: "תוכן העניינים",
        PR: "מבוא",
        OP: "החלק האופרטיבי",
        AN: "נספח",
        AN_N: "נספח {number}",
        N: "הערות",
        PL: "עמודי המהדורה המודפסת",
        L: "ציוני דרך",
        CV: "כריכה",
        MISS: "יעד הקישור לא צוין בטקסט המקור.",
        ED: "הכתובת נוספה בידי העורך.",
        UNU: "יעד הקישור אינו שמיש: „{url}”.",
        UNU2: "יעד הקישור אינו שמיש (אינו כתובת http או https).",
        ACC: "נצפה ב־{date}.",
        SUM: "מסמך טקסט בלבד בסדר הקריאה, ששפתו מצוינת, ובו כותרות וציוני דרך לניווט מבני, תוכן עניינים "
        "המונה כל סעיף של החלק האופרטיבי, הערות המקושרות אל סימני ההפניה שלהן ובחזרה, ורשימת עמודים "
        "התואמת את עמודי ה־PDF המודפס. התמונה היחידה בו היא הכריכה, המציגה את הכותרת, את המנפיק ואת "
        "התאריך, וכך גם נאמר בטקסט החלופי שלה. אין בו שמע, וידאו או סכנות.",
    },
    "tr": {
        P: "Sayfa {page} / {pages}",
        C: "İçindekiler",
        PR: "Başlangıç",
        OP: "Hüküm bölümü",
        AN: "Ek",
        AN_N: "Ek {number}",
        N: "Notlar",
        PL: "Basılı baskının sayfaları",
        L: "Yer işaretleri",
        CV: "Kapak",
        MISS: "Bağlantının hedefi kaynak metinde verilmemiş.",
        ED: "Adres editör tarafından eklendi.",
        UNU: "Bağlantı hedefi kullanılamaz: “{url}”.",
        UNU2: "Bağlantı hedefi kullanılamaz (http ya da https adresi değil).",
        ACC: "Erişim tarihi: {date}.",
        SUM: "Okuma sırasına göre düzenlenmiş, yalnızca metinden oluşan bir belge: dili belirtilmiştir; yapısal "
        "gezinme için başlıklar ve yer işaretleri, hüküm bölümünün her paragrafını listeleyen bir içindekiler "
        "tablosu, çağrılarıyla iki yönlü bağlantılı notlar ve basılı PDF'nin sayfalarıyla eşleşen bir sayfa "
        "listesi vardır. Tek görseli kapaktır; kapak başlığı, yayımlayanı ve tarihi gösterir ve alternatif "
        "metninde bunu söyler. Ses, video ya da tehlike içermez.",
    },
    "hy": {
        P: "Էջ {page} / {pages}",
        C: "Բովանդակություն",
        PR: "Նախաբան",
        OP: "Որոշիչ մաս",
        AN: "Հավելված",
        AN_N: "Հավելված {number}",
        N: "Ծանոթագրություններ",
        PL: "Տպագիր հրատարակության էջերը",
        L: "Կողմնորոշիչներ",
        CV: "Շապիկ",
        MISS: "Հղման հասցեն սկզբնական տեքստում նշված չէ։",
        ED: "Հասցեն ավելացրել է խմբագիրը։",
        UNU: "Հղման հասցեն պիտանի չէ. «{url}»։",
        UNU2: "Հղման հասցեն պիտանի չէ (http կամ https հասցե չէ)։",
        ACC: "Դիտվել է {date}։",
        SUM: "Միայն տեքստային փաստաթուղթ՝ ընթերցման հերթականությամբ, նշված լեզվով, կառուցվածքային "
        "նավարկության համար վերնագրերով և կողմնորոշիչներով, որոշիչ մասի յուրաքանչյուր կետը թվարկող "
        "բովանդակությամբ, իրենց հղումներին երկկողմանի կապված ծանոթագրություններով և տպագիր PDF-ի էջերին "
        "համապատասխանող էջերի ցանկով։ Նրա միակ պատկերը շապիկն է, որը ցույց է տալիս վերնագիրը, հրապարակողին "
        "և ամսաթիվը և այդ մասին ասում է իր այլընտրանքային տեքստում։ Այն չունի ձայն, տեսանյութ կամ վտանգներ։",
    },
    "fa": {
        P: "صفحهٔ {page} از {pages}",
        C: "فهرست مطالب",
        PR: "دیباچه",
        OP: "بخش اجرایی",
        AN: "پیوست",
        AN_N: "پیوست {number}",
        N: "یادداشت‌ها",
        PL: "صفحه‌های نسخهٔ چاپی",
        L: "نشانه‌ها",
        CV: "جلد",
        MISS: "مقصد پیوند در متن مبدأ داده نشده است.",
        ED: "نشانی را ویراستار افزوده است.",
        UNU: "مقصد پیوند قابل استفاده نیست: «{url}».",
        UNU2: "مقصد پیوند قابل استفاده نیست (نشانی http یا https نیست).",
        ACC: "دسترسی در {date}.",
        SUM: "سندی فقط متنی به ترتیب خواندن، با زبان مشخص، سرعنوان‌ها و نشانه‌هایی برای پیمایش ساختاری، "
        "فهرست مطالبی که همهٔ بندهای بخش اجرایی را برمی‌شمارد، یادداشت‌هایی که در هر دو سو به نشانه‌های "
        "ارجاعشان پیوند دارند، و فهرست صفحه‌هایی که با صفحه‌های PDF چاپی یکی است. تنها تصویر آن جلد است "
        "که عنوان، صادرکننده و تاریخ را نشان می‌دهد و در متن جایگزینش همین را می‌گوید. صدا، ویدئو یا "
        "خطری ندارد.",
    },
    "hi": {
        P: "पृष्ठ {page} / {pages}",
        C: "विषय-सूची",
        PR: "प्रस्तावना",
        OP: "क्रियात्मक भाग",
        AN: "अनुलग्नक",
        AN_N: "अनुलग्नक {number}",
        N: "टिप्पणियाँ",
        PL: "मुद्रित संस्करण के पृष्ठ",
        L: "मुख्य स्थल",
        CV: "आवरण",
        MISS: "स्रोत पाठ में लिंक का लक्ष्य नहीं दिया गया है।",
        ED: "पता संपादक ने जोड़ा है।",
        UNU: "लिंक का लक्ष्य उपयोग योग्य नहीं: “{url}”।",
        UNU2: "लिंक का लक्ष्य उपयोग योग्य नहीं (यह http या https पता नहीं है)।",
        ACC: "{date} को देखा गया।",
        SUM: "पढ़ने के क्रम में केवल पाठ वाला दस्तावेज़, जिसकी भाषा बताई गई है, जिसमें संरचना में आगे-पीछे जाने के "
        "लिए शीर्षक और मुख्य स्थल हैं, क्रियात्मक भाग के हर अनुच्छेद को गिनाने वाली विषय-सूची है, अपने संकेतों से "
        "दोनों ओर जुड़ी टिप्पणियाँ हैं, और मुद्रित PDF के पृष्ठों से मेल खाती पृष्ठ-सूची है। इसकी एकमात्र छवि आवरण "
        "है, जो शीर्षक, जारी करने वाले और तिथि को दिखाता है और अपने वैकल्पिक पाठ में यही कहता है। इसमें कोई "
        "ऑडियो, वीडियो या जोखिम नहीं है।",
    },
    "ka": {
        P: "გვერდი {page} / {pages}",
        C: "სარჩევი",
        PR: "პრეამბულა",
        OP: "სარეზოლუციო ნაწილი",
        AN: "დანართი",
        AN_N: "დანართი {number}",
        N: "შენიშვნები",
        PL: "ნაბეჭდი გამოცემის გვერდები",
        L: "ორიენტირები",
        CV: "ყდა",
        MISS: "ბმულის სამიზნე საწყის ტექსტში მითითებული არ არის.",
        ED: "მისამართი დაამატა რედაქტორმა.",
        UNU: "ბმულის სამიზნე გამოუსადეგარია: „{url}“.",
        UNU2: "ბმულის სამიზნე გამოუსადეგარია (ეს არ არის http ან https მისამართი).",
        ACC: "ნანახია {date}.",
        SUM: "მხოლოდ ტექსტური დოკუმენტი კითხვის თანმიმდევრობით, მითითებული ენით, სტრუქტურული ნავიგაციისთვის "
        "სათაურებითა და ორიენტირებით, სარჩევით, რომელშიც ჩამოთვლილია სარეზოლუციო ნაწილის ყველა პუნქტი, "
        "შენიშვნებით, რომლებიც ორმხრივად უკავშირდება თავიანთ მითითებებს, და გვერდების სიით, რომელიც "
        "ნაბეჭდი PDF-ის გვერდებს შეესაბამება. მისი ერთადერთი გამოსახულება ყდაა, რომელზეც ჩანს სათაური, "
        "გამომცემი და თარიღი, და ეს მის ალტერნატიულ ტექსტშიც არის ნათქვამი. მასში არ არის აუდიო, ვიდეო ან "
        "საფრთხე.",
    },
    "am": {
        P: "ገጽ {page} ከ{pages}",
        C: "ማውጫ",
        PR: "መግቢያ",
        OP: "የውሳኔ ክፍል",
        AN: "አባሪ",
        AN_N: "አባሪ {number}",
        N: "ማስታወሻዎች",
        PL: "የታተመው እትም ገጾች",
        L: "ምልክቶች",
        CV: "ሽፋን",
        MISS: "የአገናኙ መድረሻ በምንጩ ጽሑፍ ውስጥ አልተሰጠም።",
        ED: "አድራሻው በአርታኢው የተጨመረ ነው።",
        UNU: "የአገናኙ መድረሻ ጥቅም ላይ ሊውል አይችልም፦ «{url}»።",
        UNU2: "የአገናኙ መድረሻ ጥቅም ላይ ሊውል አይችልም (የ http ወይም https አድራሻ አይደለም)።",
        ACC: "የታየበት ቀን፦ {date}።",
        SUM: "በንባብ ቅደም ተከተል የተዘጋጀ ጽሑፍ ብቻ የያዘ ሰነድ ነው፤ ቋንቋው ተገልጿል፤ ለመዋቅራዊ አሰሳ ርዕሶችና ምልክቶች፣ "
        "የውሳኔ ክፍሉን እያንዳንዱን አንቀጽ የሚዘረዝር ማውጫ፣ ከጥሪዎቻቸው ጋር በሁለቱም አቅጣጫ የተያያዙ ማስታወሻዎች እና "
        "ከታተመው PDF ገጾች ጋር የሚዛመድ የገጽ ዝርዝር አሉት። ብቸኛው ምስሉ ሽፋኑ ሲሆን ርዕሱን፣ አውጪውን እና ቀኑን ያሳያል፤ "
        "በአማራጭ ጽሑፉም ይህንኑ ይገልጻል። ድምፅ፣ ቪዲዮ ወይም አደጋ የለውም።",
    },
}


def main() -> int:
    LOCALE.mkdir(exist_ok=True)
    for language, texts in sorted(T.items()):
        missing = [m for m in MESSAGES if m not in texts]
        assert not missing, (language, missing)
        catalog = Catalog(
            locale=language, project="clausepress", domain="clausepress", charset="utf-8",
            header_comment=(
                f"# The words clausepress adds to a document in {language}.\n"
                "# First edition written by the clausepress developers from the bodies' own usage\n"
                "# (the UN's \"Annex\", \"Notes\", \"Preamble\" in each official language), not yet\n"
                "# reviewed by a translator who writes the language."
            ),
        )  # fmt: skip
        for message in MESSAGES:
            catalog.add(message, texts[message])
        with (LOCALE / f"{language}.po").open("wb") as out:
            write_po(out, catalog, width=100, omit_header=False, sort_output=False, no_location=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
