// Runs HeidelTime (English news, TimeML output) on many documents in one JVM.
//
// The standalone jar starts a JVM, UIMA and TreeTagger for each document (about ten
// seconds); this loads them once. Arguments: the config.props path and a manifest whose
// lines are "DCT<TAB>input file<TAB>output file" (DCT as yyyy-MM-dd). Each output file
// receives what the jar's command line would print for that input.
//
//   java -cp de.unihd.dbs.heideltime.standalone.jar benchmarks/HeidelTimeBatch.java CONFIG MANIFEST

import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.heideltime.standalone.components.impl.TimeMLResultFormatter;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.List;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
                Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            String text = Files.readString(Path.of(fields[1]), StandardCharsets.UTF_8);
            String output = tagger.process(text, format.parse(fields[0]), new TimeMLResultFormatter());
            Files.writeString(Path.of(fields[2]), output, StandardCharsets.UTF_8);
        }
    }
}
