package io.dealflow.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dealflow.web.InvalidFieldException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 11, item 2: files as CRMs and spreadsheets export them; no Spring, no database. */
class ImportColumnsTests {

    @Test
    void headersMatchWithoutRegardToCaseSpacesOrPunctuation() throws Exception {
        ImportFile file = ImportFile.read(new StringReader("E-Mail,FIRST NAME,job_title,Company Name\n"), -1);
        ImportColumns.Mapping mapping = ImportColumns.of(file.header(), Map.of());

        assertThat(mapping.columns()).containsOnlyKeys("email", "firstName", "jobTitle", "company");
        assertThat(mapping.unknownColumns()).isEmpty();
    }

    @Test
    void aByteOrderMarkAndSemicolonsAsExcelSavesThem() throws Exception {
        ImportFile file = ImportFile.read(new StringReader("\uFEFFEmail;Name;Organisation\r\n"
                + "dana@acme.example;\"Buyer; Dana\";Acme\r\n"), -1);

        assertThat(file.separator()).isEqualTo(';');
        assertThat(file.header()).containsExactly("Email", "Name", "Organisation");
        assertThat(file.rows()).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.values()).containsExactly("dana@acme.example", "Buyer; Dana", "Acme");
        });
    }

    @Test
    void tabsAndTheLineARowStartsOn() throws Exception {
        ImportFile file = ImportFile.read(new StringReader("email\tnote\n\na@x.example\t\"two\nlines\"\nb@x.example\tone\n"), -1);

        assertThat(file.separator()).isEqualTo('\t');
        assertThat(file.rows()).extracting(ImportFile.Row::line).containsExactly(3, 5);
    }

    @Test
    void theHeadersOfHubSpotPipedriveAndSalesforceExports() throws Exception {
        assertThat(fields("Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Website URL,"
                + "Number of Employees,Lifecycle Stage,Marketing contact status,Unsubscribed from all email"))
                .containsOnlyKeys("firstName", "lastName", "email", "phone", "company", "jobTitle", "website",
                        "employees", "optOut");
        assertThat(unknown("Record ID,First Name,Email,Lifecycle Stage,Marketing contact status"))
                .containsExactly("Record ID", "Lifecycle Stage", "Marketing contact status");
        assertThat(fields("Name,First name,Last name,Email - Work,Email - Home,Phone - Work,Organization,Job title,"
                + "Marketing status,Label")).containsEntry("email", List.of("Email - Work", "Email - Home"))
                .containsEntry("name", List.of("Name")).containsEntry("consent", List.of("Marketing status"))
                .containsEntry("company", List.of("Organization")).doesNotContainKey("label");
        assertThat(fields("Person - Name,Person - Email,Organization - Name")).containsOnlyKeys("name", "email", "company");
        assertThat(fields("Salutation,First Name,Last Name,Title,Account Name,Phone,Mobile,Email,Email Opt Out,"
                + "Lead Source,Contact Owner")).containsEntry("phone", List.of("Phone", "Mobile"))
                .containsEntry("company", List.of("Account Name")).containsEntry("optOut", List.of("Email Opt Out"))
                .containsEntry("jobTitle", List.of("Title"));
    }

    @Test
    void aColumnNamedByThePersonImportingWinsAndAWrongNameIsRefused() throws Exception {
        List<String> header = List.of("E-Mail Adresse", "Firma", "Email");
        assertThat(ImportColumns.of(header, Map.of("email", "e-mail adresse", "company", "Firma")).columns())
                .containsEntry("email", List.of("E-Mail Adresse")).containsEntry("company", List.of("Firma"));
        assertThat(ImportColumns.of(header, Map.of("email", "E-Mail Adresse")).unknownColumns())
                .containsExactly("Firma", "Email");
        assertThatThrownBy(() -> ImportColumns.of(header, Map.of("mail", "Firma")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("column.mail"));
        assertThatThrownBy(() -> ImportColumns.of(header, Map.of("company", "Organisation")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("column.company"));
    }

    @Test
    void valuesAsTheToolsWriteThem() {
        assertThat(ImportValues.consent("Subscribed", "consent")).isTrue();
        assertThat(ImportValues.consent("Unsubscribed", "consent")).isFalse();
        assertThat(ImportValues.consent("Not subscribed", "consent")).isFalse();
        assertThat(ImportValues.consent("YES", "consent")).isTrue();
        assertThat(ImportValues.consent(null, "consent")).isNull();
        assertThatThrownBy(() -> ImportValues.consent("maybe", "consent")).isInstanceOf(InvalidFieldException.class);
        assertThat(ImportValues.bool("false", "budget")).isFalse();
        assertThat(ImportValues.employees("11-50", "employees")).isEqualTo(11);
        assertThat(ImportValues.employees("1,001 - 5,000", "employees")).isEqualTo(1001);
        assertThat(ImportValues.employees("10000+", "employees")).isEqualTo(10000);
        assertThat(ImportValues.employees("51 to 200", "employees")).isEqualTo(51);
        assertThat(ImportValues.employees("250", "employees")).isEqualTo(250);
        assertThatThrownBy(() -> ImportValues.employees("many", "employees")).isInstanceOf(InvalidFieldException.class);
        assertThat(ImportValues.splitName("Dana Buyer")).containsExactly("Dana", "Buyer");
        assertThat(ImportValues.splitName("Ana de la Cruz")).containsExactly("Ana", "de la Cruz");
        assertThat(ImportValues.splitName("Buyer, Dana")).containsExactly("Dana", "Buyer");
        assertThat(ImportValues.splitName("Cher")).containsExactly("Cher", null);
    }

    private static Map<String, List<String>> fields(String header) throws Exception {
        return ImportColumns.of(ImportFile.read(new StringReader(header + "\n"), -1).header(), Map.of()).columns();
    }

    private static List<String> unknown(String header) throws Exception {
        return ImportColumns.of(ImportFile.read(new StringReader(header + "\n"), -1).header(), Map.of()).unknownColumns();
    }
}
