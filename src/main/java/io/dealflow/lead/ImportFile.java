package io.dealflow.lead;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dealflow.web.BodyTooLargeException;
import io.dealflow.web.InvalidFieldException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as spreadsheets and CRMs save it: UTF-8 with or without a byte-order mark (Excel writes one), the
 * values separated by commas, semicolons (Excel in much of Europe) or tabs, whichever the header line uses most
 * outside quotes. The first line is the header. Each row keeps the line it starts on, for the report.
 */
record ImportFile(char separator, List<String> header, List<Row> rows) {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    private static final int LONGEST_HEADER = 64 * 1024;

    record Row(int line, List<String> values) {
    }

    /** The whole file, at most {@code limit} rows (all when negative); a file without a header line has none. */
    static ImportFile read(Reader text, int limit) throws BodyTooLargeException {
        BufferedReader in = new BufferedReader(text, LONGEST_HEADER);
        try {
            in.mark(LONGEST_HEADER);
            int first = in.read();
            if (first != '\uFEFF') {
                in.reset();
            }
            char separator = separator(in);
            CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
            List<String> header = null;
            List<Row> rows = new ArrayList<>();
            try (CsvParser parser = (CsvParser) CSV.createParser(in)) {
                parser.setSchema(schema);
                while (parser.nextToken() == JsonToken.START_ARRAY && (limit < 0 || rows.size() < limit)) {
                    int line = -1;
                    List<String> values = new ArrayList<>();
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        line = line < 0 ? parser.currentTokenLocation().getLineNr() : line;
                        values.add(parser.getText());
                    }
                    if (header == null) {
                        header = values;
                    } else {
                        rows.add(new Row(line, values));
                    }
                }
            }
            return new ImportFile(separator, header == null ? List.of() : header, rows);
        } catch (BodyTooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidFieldException("body", "is not a readable CSV file: " + e.getMessage());
        }
    }

    /** The separator the header line uses most outside quotes: ',' (also for a file of one column), ';' or tab. */
    private static char separator(BufferedReader in) throws IOException {
        in.mark(LONGEST_HEADER);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int read = 0, c = in.read(); c >= 0 && read < LONGEST_HEADER - 1; read++, c = in.read()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        in.reset();
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas && tabs > semicolons ? '\t' : ',';
    }
}
