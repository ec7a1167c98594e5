//! Cell values: target numbers, due dates, and the level, status and measure-kind words.

use crate::headers::normalise;
use crate::read::{number_text, Cell};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use throughline_core::model::{Level, MeasureKind, Status};

/// How a date written `A/B/Y` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day / month / year.
    Dmy,
    /// Month / day / year.
    Mdy,
}

impl DateOrder {
    /// `dmy` or `mdy`.
    pub fn parse(s: &str) -> Option<DateOrder> {
        match s.trim().to_ascii_lowercase().as_str() {
            "dmy" => Some(DateOrder::Dmy),
            "mdy" => Some(DateOrder::Mdy),
            _ => None,
        }
    }

    fn words(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day/month/year",
            DateOrder::Mdy => "month/day/year",
        }
    }
}

/// A target: a number cell as is; text with spaces, thousands separators, a currency sign
/// or code, a trailing `%` dropped and a `k` / `m` / `bn` suffix applied. `Ok(None)`: empty.
pub fn parse_target(cell: &Cell, decimal_comma: bool) -> Result<Option<f64>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Number(n) => Err(format!("{n} is not a finite number")),
        Cell::Date(d) => Err(format!(
            "{d} is a date, not a number (is the cell formatted as a date?)"
        )),
        Cell::Text(s) if s.trim().is_empty() => Ok(None),
        Cell::Text(s) => parse_number_text(s, decimal_comma)
            .map(Some)
            .ok_or_else(|| format!("\"{}\" is not a number", s.trim())),
    }
}

const CURRENCIES: &[&str] = &["$", "€", "£", "eur", "usd", "gbp", "chf"];

fn parse_number_text(s: &str, decimal_comma: bool) -> Option<f64> {
    let mut t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{2009}' && *c != '\u{202f}')
        .collect::<String>()
        .to_lowercase();
    let mut negative = false;
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        negative = true;
        t = rest.to_string();
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest.to_string();
    }
    for c in CURRENCIES {
        if let Some(rest) = t.strip_prefix(c) {
            t = rest.to_string();
            break;
        }
        if let Some(rest) = t.strip_suffix(c) {
            t = rest.to_string();
            break;
        }
    }
    if !negative {
        if let Some(rest) = t.strip_prefix('-') {
            negative = true;
            t = rest.to_string();
        }
    }
    if let Some(rest) = t.strip_suffix('%') {
        t = rest.to_string();
    }
    let mut exp = 0;
    for (suffix, e) in [("bn", 9), ("k", 3), ("m", 6)] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.to_string();
            exp = e;
            break;
        }
    }
    let (thousands, decimal) = if decimal_comma {
        ('.', ',')
    } else {
        (',', '.')
    };
    let t: String = t
        .chars()
        .filter(|c| *c != thousands)
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    if t.is_empty()
        || !t.chars().all(|c| c.is_ascii_digit() || c == '.')
        || t.matches('.').count() > 1
        || t == "."
    {
        return None;
    }
    // Scaled in decimal (1.1k is 1100 exactly, not 1100.0000000000002).
    let v: f64 = format!("{t}e{exp}").parse().ok()?;
    v.is_finite().then_some(if negative { -v } else { v })
}

/// The shape of a date cell, before the column's order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateShape {
    Empty,
    Exact(NaiveDate),
    /// `A/B/Y`: the two small parts and the year.
    Ambiguous(u32, u32, i32),
    Bad,
}

/// Read a due cell as far as it can be read alone.
pub fn date_shape(cell: &Cell) -> DateShape {
    match cell {
        Cell::Empty => DateShape::Empty,
        Cell::Date(d) => DateShape::Exact(*d),
        Cell::Number(n) => serial(*n).map(DateShape::Exact).unwrap_or(DateShape::Bad),
        Cell::Text(s) => text_shape(s.trim()),
    }
}

/// An Excel serial day number (1900 system): 45000 is 2023-03-15.
fn serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let days = n.floor() as i64;
    // Excel counts a 29 February 1900 that never was: serials from 61 are one day late.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, if days >= 61 { 30 } else { 31 })?;
    epoch.checked_add_signed(chrono::Duration::days(days))
}

fn text_shape(s: &str) -> DateShape {
    if s.is_empty() {
        return DateShape::Empty;
    }
    // A date with a time after it (`2027-03-31 00:00:00`, `2027-03-31T12:00`).
    let day = s.split([' ', 'T']).next().unwrap_or(s);
    if let Some(q) = quarter(s) {
        return DateShape::Exact(q);
    }
    if s.chars().all(|c| c.is_ascii_digit() || c == '.') && !s.contains("..") {
        if let Ok(n) = s.parse::<f64>() {
            // A year alone is not a date (and not the serial of one in 1905).
            if (1000.0..10000.0).contains(&n) {
                return DateShape::Bad;
            }
            if s.matches('.').count() <= 1 {
                return serial(n).map(DateShape::Exact).unwrap_or(DateShape::Bad);
            }
        }
    }
    let parts: Vec<&str> = day.split(['/', '.', '-']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return DateShape::Bad;
    }
    let nums: Vec<i64> = parts
        .iter()
        .map(|p| p.parse::<i64>().unwrap_or(-1))
        .collect();
    if parts[0].len() == 4 {
        return ymd(nums[0], nums[1], nums[2])
            .map(DateShape::Exact)
            .unwrap_or(DateShape::Bad);
    }
    if parts[0].len() > 2 || parts[1].len() > 2 || !(parts[2].len() == 4 || parts[2].len() == 2) {
        return DateShape::Bad;
    }
    let year = if parts[2].len() == 2 {
        2000 + nums[2]
    } else {
        nums[2]
    };
    let (a, b) = (nums[0] as u32, nums[1] as u32);
    if a > 12 && b > 12 {
        return DateShape::Bad;
    }
    DateShape::Ambiguous(a, b, year as i32)
}

fn ymd(y: i64, m: i64, d: i64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(d).ok()?,
    )
}

/// `Q1 2027`, `Q1-2027`, `2027-Q1`, `2027 Q1` → the quarter's last day.
fn quarter(s: &str) -> Option<NaiveDate> {
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '/' | '_'))
        .collect::<String>()
        .to_ascii_lowercase();
    let (q, y) = if let Some(rest) = t.strip_prefix('q') {
        (rest.get(..1)?, rest.get(1..)?)
    } else {
        let i = t.find('q')?;
        (t.get(i + 1..)?, t.get(..i)?)
    };
    if y.len() != 4 || !y.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
    let y: i32 = y.parse().ok()?;
    let first_of_next = if q == 4 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, q * 3 + 1, 1)?
    };
    first_of_next.pred_opt()
}

/// The order a due column's `A/B/Y` dates are read in: given, or inferred from the column
/// (a first part over 12: day first; a second part over 12: month first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnOrder {
    /// No `A/B/Y` dates, or all with equal parts: nothing to decide.
    Moot,
    Known(DateOrder),
    /// Only dates like 03/04/2027: the first such row.
    Ambiguous {
        row: u32,
        text: String,
    },
    /// Both orders occur: the row of each.
    Both {
        dmy: (u32, String),
        mdy: (u32, String),
    },
}

/// Infer the order of a column from its cells `(row, cell)`.
pub fn infer_order<'a>(
    cells: impl Iterator<Item = (u32, &'a Cell)>,
    given: Option<DateOrder>,
) -> ColumnOrder {
    if let Some(o) = given {
        return ColumnOrder::Known(o);
    }
    let (mut dmy, mut mdy, mut amb) = (None, None, None);
    for (row, cell) in cells {
        if let DateShape::Ambiguous(a, b, _) = date_shape(cell) {
            if a > 12 && dmy.is_none() {
                dmy = Some((row, cell.text().into_owned()));
            } else if b > 12 && mdy.is_none() {
                mdy = Some((row, cell.text().into_owned()));
            } else if a != b && a <= 12 && b <= 12 && amb.is_none() {
                amb = Some((row, cell.text().into_owned()));
            }
        }
    }
    match (dmy, mdy, amb) {
        (Some(d), Some(m), _) => ColumnOrder::Both { dmy: d, mdy: m },
        (Some(_), None, _) => ColumnOrder::Known(DateOrder::Dmy),
        (None, Some(_), _) => ColumnOrder::Known(DateOrder::Mdy),
        (None, None, Some((row, text))) => ColumnOrder::Ambiguous { row, text },
        (None, None, None) => ColumnOrder::Moot,
    }
}

/// A due date, read with its column's order. `Ok(None)`: empty.
pub fn parse_due(cell: &Cell, order: &ColumnOrder) -> Result<Option<NaiveDate>, String> {
    let bad = || {
        format!(
            "\"{}\" is not a date (write YYYY-MM-DD, a date cell, D/M/Y or M/D/Y, or a quarter such as Q1 2027)",
            cell.text()
        )
    };
    match date_shape(cell) {
        DateShape::Empty => Ok(None),
        DateShape::Exact(d) => Ok(Some(d)),
        DateShape::Bad => Err(bad()),
        DateShape::Ambiguous(a, b, y) => {
            let o = match order {
                ColumnOrder::Known(o) => *o,
                // Equal parts read the same either way; the column's problem is reported once.
                _ if a == b => DateOrder::Dmy,
                _ => return Err(String::new()),
            };
            let (d, m) = match o {
                DateOrder::Dmy => (a, b),
                DateOrder::Mdy => (b, a),
            };
            NaiveDate::from_ymd_opt(y, m, d)
                .map(Some)
                .ok_or_else(|| format!("\"{}\" is not a date as {}", cell.text(), o.words()))
        }
    }
}

/// `strategy` / `strategic` → strategy; empty and the objective words → objective.
pub fn parse_level(cell: &Cell) -> Result<Option<Level>, String> {
    let n = normalise(&cell.text());
    match n.as_str() {
        "" => Ok(None),
        "strategy" | "strategic" => Ok(Some(Level::Strategy)),
        "objective" | "goal" | "keyresult" | "kr" | "okr" | "team" | "individual" => Ok(Some(Level::Objective)),
        _ => Err(format!(
            "\"{}\" is not a level: strategy or strategic; objective, goal, key result, KR, OKR, team or individual",
            cell.text()
        )),
    }
}

/// The status words of the contract.
pub fn parse_status(cell: &Cell) -> Result<Option<Status>, String> {
    let n = normalise(&cell.text());
    match n.as_str() {
        "" => Ok(None),
        "proposed" | "draft" | "new" => Ok(Some(Status::Proposed)),
        "agreed" | "accepted" | "committed" | "approved" => Ok(Some(Status::Agreed)),
        "disputed" | "rejected" | "contested" | "declined" => Ok(Some(Status::Disputed)),
        _ => Err(format!(
            "\"{}\" is not a status: proposed (draft, new), agreed (accepted, committed, approved) or disputed (rejected, contested, declined)",
            cell.text()
        )),
    }
}

/// A measure kind (`behavior` is read as `behaviour`).
pub fn parse_measure_kind(cell: &Cell) -> Result<Option<MeasureKind>, String> {
    let n = normalise(&cell.text());
    match n.as_str() {
        "" => Ok(None),
        "outcome" => Ok(Some(MeasureKind::Outcome)),
        "activity" => Ok(Some(MeasureKind::Activity)),
        "quality" => Ok(Some(MeasureKind::Quality)),
        "behaviour" | "behavior" => Ok(Some(MeasureKind::Behaviour)),
        "development" => Ok(Some(MeasureKind::Development)),
        _ => Err(format!(
            "\"{}\" is not a measure kind: outcome, activity, quality, behaviour or development",
            cell.text()
        )),
    }
}

/// Text of an id cell: numbers as whole numbers (`1042`, never `1042.0`).
pub fn id_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => number_text(*n),
        c => c.text().into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn targets() {
        let n = |s: &str| parse_target(&t(s), false);
        assert_eq!(n("$2,000,000"), Ok(Some(2_000_000.0)));
        assert_eq!(n("€ 1.5m"), Ok(Some(1_500_000.0)));
        assert_eq!(n("24M EUR"), Ok(Some(24_000_000.0)));
        assert_eq!(n("1.1k"), Ok(Some(1100.0)));
        assert_eq!(n("3bn"), Ok(Some(3e9)));
        assert_eq!(n("30%"), Ok(Some(30.0)));
        assert_eq!(n("-5 %"), Ok(Some(-5.0)));
        assert_eq!(n("CHF 1'200"), Ok(Some(1200.0)));
        assert_eq!(n("GBP300"), Ok(Some(300.0)));
        assert_eq!(n(""), Ok(None));
        assert!(n("lots").unwrap_err().contains("\"lots\" is not a number"));
        assert!(n("1.2.3").is_err());
        assert_eq!(parse_target(&t("1.234,5"), true), Ok(Some(1234.5)));
        assert_eq!(parse_target(&t("12,5%"), true), Ok(Some(12.5)));
        assert_eq!(parse_target(&Cell::Number(0.3), false), Ok(Some(0.3)));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates() {
        let moot = ColumnOrder::Moot;
        assert_eq!(parse_due(&t("2027-03-31"), &moot), Ok(Some(d(2027, 3, 31))));
        assert_eq!(
            parse_due(&t("2027-03-31 00:00:00"), &moot),
            Ok(Some(d(2027, 3, 31)))
        );
        assert_eq!(parse_due(&t("Q1 2027"), &moot), Ok(Some(d(2027, 3, 31))));
        assert_eq!(parse_due(&t("2027-Q4"), &moot), Ok(Some(d(2027, 12, 31))));
        assert_eq!(parse_due(&t("q2-2027"), &moot), Ok(Some(d(2027, 6, 30))));
        assert_eq!(
            parse_due(&Cell::Number(46477.0), &moot),
            Ok(Some(d(2027, 3, 31)))
        );
        assert_eq!(parse_due(&t("46477"), &moot), Ok(Some(d(2027, 3, 31))));
        assert_eq!(
            parse_due(&Cell::Number(59.0), &moot),
            Ok(Some(d(1900, 2, 28)))
        );
        assert_eq!(
            parse_due(&Cell::Number(61.0), &moot),
            Ok(Some(d(1900, 3, 1)))
        );
        assert!(parse_due(&t("2027"), &moot).is_err());
        assert!(parse_due(&t("soon"), &moot)
            .unwrap_err()
            .contains("\"soon\" is not a date"));
        let dmy = ColumnOrder::Known(DateOrder::Dmy);
        assert_eq!(parse_due(&t("31/03/2027"), &dmy), Ok(Some(d(2027, 3, 31))));
        assert_eq!(parse_due(&t("1.4.27"), &dmy), Ok(Some(d(2027, 4, 1))));
        let mdy = ColumnOrder::Known(DateOrder::Mdy);
        assert_eq!(parse_due(&t("03/31/2027"), &mdy), Ok(Some(d(2027, 3, 31))));
        assert!(parse_due(&t("31/03/2027"), &mdy)
            .unwrap_err()
            .contains("month/day/year"));
    }

    fn rows(c: &[Cell]) -> Vec<(u32, &Cell)> {
        c.iter()
            .enumerate()
            .map(|(i, c)| (i as u32 + 2, c))
            .collect()
    }

    #[test]
    fn column_order_inference() {
        let cells = |v: &[&str]| v.iter().map(|s| t(s)).collect::<Vec<_>>();
        let c = cells(&["01/02/2027", "31/03/2027"]);
        assert_eq!(
            infer_order(rows(&c).into_iter(), None),
            ColumnOrder::Known(DateOrder::Dmy)
        );
        let c = cells(&["01/02/2027", "03/31/2027"]);
        assert_eq!(
            infer_order(rows(&c).into_iter(), None),
            ColumnOrder::Known(DateOrder::Mdy)
        );
        let c = cells(&["2027-01-01", "01/02/2027"]);
        assert_eq!(
            infer_order(rows(&c).into_iter(), None),
            ColumnOrder::Ambiguous {
                row: 3,
                text: "01/02/2027".into()
            }
        );
        let c = cells(&["31/01/2027", "01/31/2027"]);
        assert!(matches!(
            infer_order(rows(&c).into_iter(), None),
            ColumnOrder::Both { .. }
        ));
        let c = cells(&["05/05/2027"]);
        assert_eq!(infer_order(rows(&c).into_iter(), None), ColumnOrder::Moot);
        assert_eq!(
            parse_due(&c[0], &ColumnOrder::Moot),
            Ok(Some(d(2027, 5, 5)))
        );
    }

    #[test]
    fn vocabularies() {
        assert_eq!(parse_level(&t("Key Result")), Ok(Some(Level::Objective)));
        assert_eq!(parse_level(&t("Strategic")), Ok(Some(Level::Strategy)));
        assert!(parse_level(&t("epic")).is_err());
        assert_eq!(parse_status(&t("Approved")), Ok(Some(Status::Agreed)));
        assert_eq!(parse_status(&t("")), Ok(None));
        assert_eq!(
            parse_measure_kind(&t("Behavior")),
            Ok(Some(MeasureKind::Behaviour))
        );
    }
}
