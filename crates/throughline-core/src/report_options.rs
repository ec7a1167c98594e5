//! What a report is asked to be: its format and paper. They live in the core because the
//! CLI, the report writer and the app's Export dialog all name them, and the app must not
//! depend on the report writer (and typst) just for two enums.

/// A report format (its file extension in lower case, in JSON and on the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ReportFormat"))]
pub enum Format {
    Pdf,
    Html,
    Xlsx,
    Csv,
    Md,
    Json,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Pdf,
        Format::Html,
        Format::Xlsx,
        Format::Csv,
        Format::Md,
        Format::Json,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Json => "json",
        }
    }

    /// A format by name or extension, any case: "pdf", "HTML", "markdown", "htm".
    pub fn from_name(s: &str) -> Option<Format> {
        let s = s.to_ascii_lowercase();
        match s.as_str() {
            "markdown" => Some(Format::Md),
            "htm" => Some(Format::Html),
            _ => Format::ALL.into_iter().find(|f| f.extension() == s),
        }
    }
}

impl Paper {
    /// Its name on the command line and in JSON: "a4", "letter".
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// "a4", "letter" (or "us-letter"), any case.
    pub fn from_name(s: &str) -> Option<Paper> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" | "us-letter" => Some(Paper::Letter),
            _ => None,
        }
    }
}

/// Paper size of the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ReportPaper"))]
pub enum Paper {
    #[default]
    A4,
    Letter,
}
