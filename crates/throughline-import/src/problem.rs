//! A problem found in the input, located by file, sheet, row and column.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which table of which file something comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableRef {
    /// The file's name as the caller gave it.
    pub file: String,
    /// The sheet of a workbook; `None` for a CSV or TSV file.
    pub sheet: Option<String>,
}

impl TableRef {
    /// `FILE` or `FILE:SHEET`, as messages name a table.
    pub fn label(&self) -> String {
        match &self.sheet {
            Some(s) => format!("{}:{}", self.file, s),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// One reason an import cannot be made. Shown as
/// `FILE[:SHEET] row N, column "HEADER": message`, or `FILE[:SHEET]: message` for a
/// problem of a whole table or file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub sheet: Option<String>,
    /// The spreadsheet's own row number (1-based, counting every row).
    pub row: Option<u32>,
    /// The column's header as written in the file.
    pub column: Option<String>,
    pub message: String,
}

impl Problem {
    /// A problem of a whole table (or file).
    pub fn table(t: &TableRef, message: impl Into<String>) -> Self {
        Problem {
            file: t.file.clone(),
            sheet: t.sheet.clone(),
            row: None,
            column: None,
            message: message.into(),
        }
    }

    /// A problem of one cell (or one row, when `column` is `None`).
    pub fn cell(t: &TableRef, row: u32, column: Option<&str>, message: impl Into<String>) -> Self {
        Problem {
            file: t.file.clone(),
            sheet: t.sheet.clone(),
            row: Some(row),
            column: column.map(str::to_string),
            message: message.into(),
        }
    }

    /// A problem of a file as a whole (it cannot be read).
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            sheet: None,
            row: None,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(s) = &self.sheet {
            write!(f, ":{s}")?;
        }
        match (self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, " row {r}, column \"{c}\"")?,
            (Some(r), None) => write!(f, " row {r}")?,
            (None, Some(c)) => write!(f, ", column \"{c}\"")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_follows_the_contract() {
        let t = TableRef {
            file: "okr.xlsx".into(),
            sheet: Some("Goals".into()),
        };
        assert_eq!(
            Problem::cell(&t, 7, Some("Owner"), "no person or unit \"Zed\"").to_string(),
            "okr.xlsx:Goals row 7, column \"Owner\": no person or unit \"Zed\""
        );
        assert_eq!(
            Problem::table(&t, "no title column").to_string(),
            "okr.xlsx:Goals: no title column"
        );
        let csv = TableRef {
            file: "people.csv".into(),
            sheet: None,
        };
        assert_eq!(
            Problem::cell(&csv, 3, None, "x").to_string(),
            "people.csv row 3: x"
        );
    }
}
