using System.Text;

namespace GateForge.Training.Data;

/// <summary>One CSV record and the 1-based line it starts on.</summary>
internal sealed record CsvRecord(int Line, string[] Fields);

/// <summary>Splits CSV text into records (RFC 4180 quoting), tracking line numbers for errors.</summary>
internal static class CsvTokenizer
{
    public static List<CsvRecord> Split(string text, char delimiter, string source)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var inQuotes = false;
        var quoteLine = 0;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF')
            i = 1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"')
            {
                if (quoted || field.ToString().Trim().Length > 0)
                    throw new DataFormatException($"{source}:{line}: stray quote inside a field (quote the whole field and double inner quotes)");
                field.Clear();
                quoted = true;
                inQuotes = true;
                quoteLine = line;
            }
            else if (c == delimiter)
            {
                fields.Add(Finish(field, quoted));
                quoted = false;
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                EndRecord(records, fields, field, quoted, recordLine);
                quoted = false;
                line++;
                recordLine = line;
            }
            else
            {
                if (!quoted)
                    field.Append(c);
                else if (!char.IsWhiteSpace(c))
                    throw new DataFormatException($"{source}:{line}: text after a closing quote");
            }
        }
        if (inQuotes)
            throw new DataFormatException($"{source}:{quoteLine}: quoted field not closed before the end of the file");
        EndRecord(records, fields, field, quoted, recordLine);
        return records;
    }

    private static string Finish(StringBuilder field, bool quoted)
    {
        var value = quoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return value;
    }

    /// <summary>Ends a record; a blank line (one empty unquoted field) is skipped.</summary>
    private static void EndRecord(List<CsvRecord> records, List<string> fields, StringBuilder field, bool quoted, int line)
    {
        var last = Finish(field, quoted);
        if (fields.Count == 0 && !quoted && last.Length == 0)
            return;
        fields.Add(last);
        records.Add(new CsvRecord(line, [.. fields]));
        fields.Clear();
    }
}
