//! Reading files into tables: delimited text (CSV, TSV, TXT) and workbooks (XLSX, XLSM,
//! XLS, ODS). Bytes in, tables out; the caller reads the file.

use crate::headers;
use crate::problem::{Problem, TableRef};
use calamine::{Data, Reader};
use chrono::NaiveDate;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Cursor;

/// One cell's value, typed as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// True for an empty cell or one holding only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a user would read it (`1042`, not `1042.0`; dates as
    /// `YYYY-MM-DD`), trimmed.
    /// Borrowed for text cells: reading a 300,000-row export allocates no copy of them.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Number(n) => Cow::Owned(number_text(*n)),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// A number as a spreadsheet shows it: whole numbers without a fraction.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The spreadsheet's own row number: 1-based, counting every row.
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in column `i` (empty past the row's end).
    pub fn get(&self, i: usize) -> &Cell {
        self.cells.get(i).unwrap_or(&Cell::Empty)
    }

    /// True when every cell is blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// What kind of file a table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// Delimited text (CSV, TSV, TXT).
    Text,
    Xlsx,
    Xls,
    Ods,
}

/// A table: a CSV file, or one non-empty sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub source: TableRef,
    pub file_kind: FileKind,
    /// Every row in order, blank ones included.
    pub rows: Vec<Row>,
}

/// Read a file's tables. `file_name` names the file in messages and chooses, with the
/// first bytes, how it is read: a workbook's bytes are read as a workbook whatever its
/// extension, and text named `.xlsx` is read as the delimited text it is.
pub fn read_tables(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, Problem> {
    let ext = extension(file_name);
    let sniffed = sniff(bytes);
    match sniffed {
        Sniffed::Zip => {
            let ods = ext == "ods" || looks_like_ods(bytes);
            read_workbook(
                file_name,
                bytes,
                if ods { FileKind::Ods } else { FileKind::Xlsx },
            )
        }
        Sniffed::Ole => read_workbook(file_name, bytes, FileKind::Xls),
        Sniffed::Text => {
            if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") && looks_binary(bytes) {
                return Err(Problem::file(
                    file_name,
                    format!("is named .{ext} but is not a workbook (nor text): the file may be damaged or of another kind"),
                ));
            }
            let text = decode_text(file_name, bytes)?;
            Ok(vec![read_delimited(file_name, &text)])
        }
    }
}

fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((_, e)) => e.to_ascii_lowercase(),
        None => String::new(),
    }
}

enum Sniffed {
    Zip,
    Ole,
    Text,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Ole
    } else {
        Sniffed::Text
    }
}

/// An OpenDocument file starts with a stored `mimetype` entry naming its type.
fn looks_like_ods(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    head.windows(39)
        .any(|w| w == b"application/vnd.oasis.opendocument.spr")
}

/// Text files hold no NUL bytes (UTF-16 aside, which starts with a byte-order mark or
/// has NULs in every other byte).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    utf16_without_bom(head).is_none() && !has_utf16_bom(head) && head.contains(&0)
}

fn has_utf16_bom(b: &[u8]) -> bool {
    b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF])
}

/// UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte.
fn utf16_without_bom(b: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if b.len() < 4 || !b.len().is_multiple_of(2) {
        return None;
    }
    let pairs = b.len().min(512) / 2;
    let (mut even, mut odd) = (0, 0);
    for i in 0..pairs {
        if b[2 * i] == 0 {
            even += 1;
        }
        if b[2 * i + 1] == 0 {
            odd += 1;
        }
    }
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Text in UTF-8 (with or without a byte-order mark), UTF-16 (with a byte-order mark, or
/// plain ASCII-range UTF-16 without one), else Windows-1252 — what Excel's "CSV" writes on
/// Windows.
fn decode_text(file_name: &str, bytes: &[u8]) -> Result<String, Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    let enc = if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((encoding_rs::UTF_16LE, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((encoding_rs::UTF_16BE, 2))
    } else {
        utf16_without_bom(bytes).map(|e| (e, 0))
    };
    if let Some((enc, skip)) = enc {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[skip..]);
        if bad {
            return Err(Problem::file(
                file_name,
                format!("is not valid {} text", enc.name()),
            ));
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text.into_owned())
        }
    }
}

/// How many lines the delimiter detection looks at.
const SNIFF_LINES: usize = 50;

/// The delimiter of the header row: among `,` `;` and tab, the one that splits the
/// earliest line into at least two recognised headers (more of them wins a tie); when no
/// line has any, the one found most often in the first non-empty line.
pub fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().take(SNIFF_LINES).collect();
    let mut best: Option<(usize, usize, u8)> = None; // (line, recognised, delimiter)
    for d in [b',', b';', b'\t'] {
        for (i, line) in lines.iter().enumerate() {
            let fields = split_line(line, d);
            if fields.len() < 2 {
                continue;
            }
            let n = fields
                .iter()
                .filter(|f| headers::is_recognised(&headers::normalise(f)))
                .count();
            if n >= 2 {
                let better = match best {
                    None => true,
                    Some((bl, bn, _)) => i < bl || (i == bl && n > bn),
                };
                if better {
                    best = Some((i, n, d));
                }
                break;
            }
        }
    }
    if let Some((_, _, d)) = best {
        return d;
    }
    let first = lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .copied()
        .unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (split_line(first, *d).len(), *d == b','))
        .unwrap_or(b',')
}

/// A line split on a delimiter outside double quotes (enough to count headers).
fn split_line(line: &str, d: u8) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && c as u32 == d as u32 {
            out.push(String::new());
        } else if let Some(last) = out.last_mut() {
            last.push(c);
        }
    }
    out
}

/// A delimited text file as one table. Quoted fields may hold delimiters, doubled quotes
/// and line breaks; a row spanning several lines is one row, and blank lines count as rows
/// (as a spreadsheet numbers them).
fn read_delimited(file_name: &str, text: &str) -> Table {
    let d = detect_delimiter(text) as char;
    let mut rows = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    let push_field = |cells: &mut Vec<Cell>, field: &mut String, was_quoted: &mut bool| {
        let f = std::mem::take(field);
        cells.push(if f.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(f)
        });
        *was_quoted = false;
    };
    let end_row = |cells: &mut Vec<Cell>, rows: &mut Vec<Row>| {
        let number = rows.len() as u32 + 1;
        let mut c = std::mem::take(cells);
        if c.len() == 1 && c[0] == Cell::Empty {
            c.clear();
        }
        rows.push(Row { number, cells: c });
    };
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' && field.is_empty() && !was_quoted {
            quoted = true;
            was_quoted = true;
        } else if c == d {
            push_field(&mut cells, &mut field, &mut was_quoted);
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            push_field(&mut cells, &mut field, &mut was_quoted);
            end_row(&mut cells, &mut rows);
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !cells.is_empty() || was_quoted {
        push_field(&mut cells, &mut field, &mut was_quoted);
        end_row(&mut cells, &mut rows);
    }
    Table {
        source: TableRef {
            file: file_name.to_string(),
            sheet: None,
        },
        file_kind: FileKind::Text,
        rows,
    }
}

/// A workbook's sheets, read from bytes in memory.
type Sheets<'b> = calamine::Sheets<Cursor<&'b [u8]>>;

/// A workbook's sheets, opened from its bytes, and its kind as it turned out.
fn open_sheets<'b>(
    file_name: &str,
    bytes: &'b [u8],
    kind: FileKind,
) -> Result<(Sheets<'b>, FileKind), Problem> {
    let cursor = Cursor::new(bytes);
    let fail = |e: String| Problem::file(file_name, format!("cannot be read as a workbook: {e}"));
    let sheets: Sheets = match kind {
        FileKind::Xls => calamine::Sheets::Xls(
            calamine::open_workbook_from_rs(cursor)
                .map_err(|e: calamine::XlsError| fail(e.to_string()))?,
        ),
        FileKind::Ods => calamine::Sheets::Ods(
            calamine::open_workbook_from_rs(cursor)
                .map_err(|e: calamine::OdsError| fail(e.to_string()))?,
        ),
        _ => match calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(cursor.clone()) {
            Ok(x) => calamine::Sheets::Xlsx(x),
            Err(e) => match calamine::open_workbook_from_rs::<calamine::Ods<_>, _>(cursor) {
                Ok(o) => calamine::Sheets::Ods(o),
                Err(_) => return Err(fail(e.to_string())),
            },
        },
    };
    let kind = match &sheets {
        calamine::Sheets::Ods(_) => FileKind::Ods,
        calamine::Sheets::Xls(_) => FileKind::Xls,
        _ => FileKind::Xlsx,
    };
    Ok((sheets, kind))
}

/// One sheet as a table; `None` for a sheet with no table (a chart sheet, a blank one).
fn read_sheet(sheets: &mut Sheets, name: &str, file_name: &str, kind: FileKind) -> Option<Table> {
    // A chart sheet or a sheet calamine cannot read holds no table.
    let range = sheets.worksheet_range(name).ok()?;
    let (r0, c0) = range.start()?;
    let mut rows = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        let mut out = Vec::with_capacity(c0 as usize + cells.len());
        out.resize(c0 as usize, Cell::Empty);
        out.extend(cells.iter().map(cell_of));
        rows.push(Row {
            number: r0.saturating_add(i as u32).saturating_add(1),
            cells: out,
        });
    }
    if rows.iter().all(Row::is_blank) {
        return None;
    }
    Some(Table {
        source: TableRef {
            file: file_name.to_string(),
            sheet: Some(name.to_string()),
        },
        file_kind: kind,
        rows,
    })
}

/// Workbooks this large are read by two readers at once, a share of the sheets each (an
/// HR export's People and Goals sheets side by side on two cores); smaller ones by one.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

fn read_workbook(file_name: &str, bytes: &[u8], kind: FileKind) -> Result<Vec<Table>, Problem> {
    let parallel = bytes.len() >= PARALLEL_FROM_BYTES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    read_workbook_with(file_name, bytes, kind, parallel)
}

/// [`read_workbook`], by two readers when `parallel` and the workbook has several sheets.
fn read_workbook_with(
    file_name: &str,
    bytes: &[u8],
    kind: FileKind,
    parallel: bool,
) -> Result<Vec<Table>, Problem> {
    let (mut sheets, kind) = open_sheets(file_name, bytes, kind)?;
    let names = sheets.sheet_names();
    let two = parallel && names.len() > 1 && kind == FileKind::Xlsx;
    if !two {
        return Ok(names
            .iter()
            .filter_map(|n| read_sheet(&mut sheets, n, file_name, kind))
            .collect());
    }
    // Sheets alternate between the readers, so two large sheets go to different cores;
    // the tables keep the workbook's order.
    type Share<'n> = Vec<(usize, &'n String)>;
    let (mine, theirs): (Share, Share) = names.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let (mut tables, other) = std::thread::scope(|s| {
        let other = s.spawn(|| -> Result<Vec<(usize, Table)>, Problem> {
            let (mut sheets, kind) = open_sheets(file_name, bytes, kind)?;
            Ok(theirs
                .iter()
                .filter_map(|&(i, n)| read_sheet(&mut sheets, n, file_name, kind).map(|t| (i, t)))
                .collect())
        });
        let tables: Vec<(usize, Table)> = mine
            .iter()
            .filter_map(|&(i, n)| read_sheet(&mut sheets, n, file_name, kind).map(|t| (i, t)))
            .collect();
        (tables, other.join())
    });
    match other {
        Ok(Ok(more)) => tables.extend(more),
        Ok(Err(p)) => return Err(p),
        Err(_) => {
            return Err(Problem::file(
                file_name,
                "cannot be read as a workbook: the reader failed on one of its sheets".to_string(),
            ))
        }
    }
    tables.sort_by_key(|(i, _)| *i);
    Ok(tables.into_iter().map(|(_, t)| t).collect())
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32) {
                Some(date) => Cell::Date(date),
                None => Cell::Number(dt.as_f64()),
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(throughline_core::format::parse_date)
            .map(Cell::Date)
            .unwrap_or_else(|| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &Table) -> Vec<(u32, Vec<String>)> {
        t.rows
            .iter()
            .map(|r| {
                (
                    r.number,
                    r.cells.iter().map(|c| c.text().into_owned()).collect(),
                )
            })
            .collect()
    }

    /// Two readers give the tables one reader gives, in the workbook's order (an export's
    /// People and Goals sheets; three sheets, the second reader's between the first's).
    #[test]
    fn two_readers_read_what_one_reads() {
        let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(300, 5));
        let bytes = crate::export_xlsx(&map);
        let one = read_workbook_with("org.xlsx", &bytes, FileKind::Xlsx, false).unwrap();
        let two = read_workbook_with("org.xlsx", &bytes, FileKind::Xlsx, true).unwrap();
        assert!(one.len() >= 2, "{} sheets", one.len());
        assert_eq!(one, two);
        let mut book = rust_xlsxwriter::Workbook::new();
        for name in ["First", "Second", "Third"] {
            let sheet = book.add_worksheet();
            sheet.set_name(name).unwrap();
            sheet.write_string(0, 0, "Name").unwrap();
            sheet.write_string(1, 0, format!("{name} row")).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let one = read_workbook_with("three.xlsx", &bytes, FileKind::Xlsx, false).unwrap();
        let two = read_workbook_with("three.xlsx", &bytes, FileKind::Xlsx, true).unwrap();
        let sheets: Vec<_> = two
            .iter()
            .map(|t| t.source.sheet.clone().unwrap())
            .collect();
        assert_eq!(sheets, ["First", "Second", "Third"]);
        assert_eq!(one, two);
    }

    #[test]
    fn csv_with_bom_quotes_newlines_and_blank_lines() {
        let text = "\u{feff}Name,Title\r\n\"Lima, Ana\",\"Head of\nSales\"\r\n\r\nBo,Rep\r\n";
        let t = &read_tables("p.csv", text.as_bytes()).unwrap()[0];
        assert_eq!(
            texts(t),
            vec![
                (1, vec!["Name".into(), "Title".into()]),
                (2, vec!["Lima, Ana".into(), "Head of\nSales".into()]),
                (3, vec![]),
                (4, vec!["Bo".into(), "Rep".into()]),
            ]
        );
    }

    #[test]
    fn semicolons_and_tabs_are_detected_from_the_header_row() {
        let t = &read_tables(
            "p.csv",
            b"Export 2026; all staff\nName;Email;Team\nAna;a@x;S,1\n",
        )
        .unwrap()[0];
        assert_eq!(t.rows[2].cells.len(), 3);
        assert_eq!(t.rows[2].get(2).text(), "S,1");
        let t = &read_tables("p.tsv", b"Name\tManager\nAna\tBo, Jr\n").unwrap()[0];
        assert_eq!(t.rows[1].get(1).text(), "Bo, Jr");
    }

    #[test]
    fn utf16_and_windows_1252() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Name,Role\nZoë,CEO\n".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        let t = &read_tables("p.csv", &b).unwrap()[0];
        assert_eq!(t.rows[1].get(0).text(), "Zoë");
        let mut b = vec![0xFE, 0xFF];
        for u in "Name,Role\nZoë,CEO\n".encode_utf16() {
            b.extend(u.to_be_bytes());
        }
        assert_eq!(
            read_tables("p.csv", &b).unwrap()[0].rows[1].get(0).text(),
            "Zoë"
        );
        let t = &read_tables("p.csv", b"Name,Role\nZo\xEB,CEO\n").unwrap()[0];
        assert_eq!(t.rows[1].get(0).text(), "Zoë");
    }

    #[test]
    fn text_named_xlsx_is_read_as_text_and_binary_is_refused() {
        let t = read_tables("people.xlsx", b"Name,Role\nAna,CEO\n").unwrap();
        assert_eq!(t[0].file_kind, FileKind::Text);
        let e = read_tables("people.xlsx", b"\x00\x01\x02garbage\x00").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("people.xlsx: is named .xlsx but is not a workbook"),
            "{e}"
        );
        let e = read_tables("people.xlsx", b"PK\x03\x04broken").unwrap_err();
        assert!(
            e.to_string().contains("cannot be read as a workbook"),
            "{e}"
        );
    }
}
