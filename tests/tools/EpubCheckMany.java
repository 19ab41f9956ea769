// EPUBCheck on several EPUBs in one Java start: the tests' registry of validated files
// (tests/conftest.py) runs it as `java -cp epubcheck.jar EpubCheckMany.java REPORT EPUB...`,
// and reads one JSON report per EPUB, REPORT.0.json, REPORT.1.json, ... in the order given.
// Each file gets a fresh EpubChecker, exactly as `java -jar epubcheck.jar EPUB --json R -q`.
public class EpubCheckMany {
    public static void main(String[] args) {
        for (int i = 1; i < args.length; i++) {
            String report = args[0] + "." + (i - 1) + ".json";
            new com.adobe.epubcheck.tool.EpubChecker().run(new String[] {args[i], "--json", report, "-q"});
        }
    }
}
