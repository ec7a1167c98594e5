//! The XLSX export: sheets `People` and `Goals` that import again into the same map with
//! no change.

use crate::identity::{derived, name_key, Ids};
use crate::units::{path_text, UnitTree};
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use rustc_hash::{FxHashMap, FxHashSet};
use throughline_core::Map;

/// The People sheet's headers.
pub const PEOPLE_HEADERS: [&str; 6] = ["ID", "Name", "Email", "Role", "Unit path", "Manager ID"];
/// The Goals sheet's headers.
pub const GOALS_HEADERS: [&str; 11] = [
    "ID", "Title", "Level", "Owner", "Set by", "Measure", "Target", "Due", "Status", "Supports",
    "Values",
];

/// The longest text a cell holds.
const CELL_MAX: usize = 32_767;

/// The map as a workbook: `People` (ID, Name, Email, Role, Unit path, Manager ID) and
/// `Goals` (ID, Title, Level, Owner, Set by, Measure, Target, Due, Status, Supports,
/// Values), with map ids. Units are written as their path (`Sales > Enterprise`, the
/// organisation unit by its name), which is how an import identifies them; a unit whose
/// path or name would name something else is written as its map id.
pub fn export_xlsx(map: &Map) -> Vec<u8> {
    export_xlsx_with_decisions(map, &[])
}

/// The Decisions sheet's headers. None is a header the import recognises, so the import
/// skips the sheet (a table with no owner and no name column) and a re-import still
/// changes nothing.
pub const DECISIONS_HEADERS: [&str; 5] = ["Date", "Decision", "Why", "Taken by", "Concerns"];

/// A decision as the Decisions sheet lists it, in words (names, no ids).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecisionRow {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub statement: String,
    pub rationale: String,
    pub taken_by: Vec<String>,
    pub concerns: Vec<String>,
}

/// [`export_xlsx`] with a third sheet, Decisions, when there are any (the workspace's
/// decisions: data beside the map, which the import does not read back).
pub fn export_xlsx_with_decisions(map: &Map, decisions: &[DecisionRow]) -> Vec<u8> {
    build(map, decisions).expect("an in-memory workbook of valid cells is written")
}

/// How each unit is written in the Owner and Set by columns.
fn unit_names(map: &Map) -> (UnitTree, FxHashMap<String, String>) {
    let mut m = map.clone();
    let mut ids = Ids::new(map);
    let tree = UnitTree::new(&mut m, &mut ids, &map.organisation.name);
    let mut person_words: FxHashSet<String> = FxHashSet::default();
    for p in &map.people {
        person_words.insert(p.id.clone());
        person_words.insert(name_key(&p.name));
        if let Some(e) = &p.email {
            person_words.insert(e.trim().to_lowercase());
        }
    }
    let mut out = FxHashMap::default();
    for (i, u) in map.units.iter().enumerate() {
        let path = tree.path(i);
        let text = if path.is_empty() {
            u.name.trim().to_string()
        } else {
            path_text(path)
        };
        let clashes = text.is_empty()
            || person_words.contains(&name_key(&text))
            || person_words.contains(&text.to_lowercase())
            || person_words.contains(&derived("p-", &text))
            || tree.find(map, &text) != Ok(Some(i));
        out.insert(u.id.clone(), if clashes { u.id.clone() } else { text });
    }
    (tree, out)
}

fn build(map: &Map, decisions: &[DecisionRow]) -> Result<Vec<u8>, XlsxError> {
    let (tree, unit_text) = unit_names(map);
    let unit_index: FxHashMap<&str, usize> = map
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let mut wb = Workbook::new();
    let head = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let ws = wb.add_worksheet();
    ws.set_name("People")?;
    header(ws, &PEOPLE_HEADERS, &head)?;
    for (r, p) in map.people.iter().enumerate() {
        let r = r as u32 + 1;
        text(ws, r, 0, &p.id)?;
        text(ws, r, 1, &p.name)?;
        text(ws, r, 2, p.email.as_deref().unwrap_or(""))?;
        text(ws, r, 3, p.role.as_deref().unwrap_or(""))?;
        let path = unit_index
            .get(p.unit.as_str())
            .map(|&i| path_text(tree.path(i)))
            .unwrap_or_default();
        text(ws, r, 4, &path)?;
        text(ws, r, 5, p.manager.as_deref().unwrap_or(""))?;
    }
    finish(ws, map.people.len(), PEOPLE_HEADERS.len())?;

    let person_ids: FxHashSet<&str> = map.people.iter().map(|p| p.id.as_str()).collect();
    let who = |id: &str| -> String {
        if person_ids.contains(id) {
            id.to_string()
        } else {
            unit_text.get(id).cloned().unwrap_or_else(|| id.to_string())
        }
    };
    let ws = wb.add_worksheet();
    ws.set_name("Goals")?;
    header(ws, &GOALS_HEADERS, &head)?;
    for (r, g) in map.goals.iter().enumerate() {
        let r = r as u32 + 1;
        text(ws, r, 0, &g.id)?;
        text(ws, r, 1, &g.title)?;
        text(ws, r, 2, g.level.map(|l| l.name()).unwrap_or(""))?;
        text(ws, r, 3, &who(&g.owner))?;
        text(ws, r, 4, &g.set_by.as_deref().map(who).unwrap_or_default())?;
        text(ws, r, 5, g.measure.as_deref().unwrap_or(""))?;
        if let Some(t) = g.target {
            ws.write_number(r, 6, t)?;
        }
        if let Some(d) = g.due {
            match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                Ok(x) if (1900..=9999).contains(&d.year()) => {
                    ws.write_date_with_format(r, 7, &x, &date)?;
                }
                _ => {
                    text(ws, r, 7, &d.format("%Y-%m-%d").to_string())?;
                }
            }
        }
        text(ws, r, 8, g.status.map(|s| s.name()).unwrap_or(""))?;
        text(ws, r, 9, &g.supports().join("; "))?;
        text(ws, r, 10, &g.values().join("; "))?;
    }
    finish(ws, map.goals.len(), GOALS_HEADERS.len())?;

    if !decisions.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("Decisions")?;
        header(ws, &DECISIONS_HEADERS, &head)?;
        for (r, d) in decisions.iter().enumerate() {
            let r = r as u32 + 1;
            text(ws, r, 0, &d.date)?;
            text(ws, r, 1, &d.statement)?;
            text(ws, r, 2, &d.rationale)?;
            text(ws, r, 3, &d.taken_by.join("; "))?;
            text(ws, r, 4, &d.concerns.join("; "))?;
        }
        finish(ws, decisions.len(), DECISIONS_HEADERS.len())?;
    }
    wb.save_to_buffer()
}

fn header(ws: &mut Worksheet, names: &[&str], head: &Format) -> Result<(), XlsxError> {
    for (c, h) in names.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, head)?;
    }
    Ok(())
}

fn finish(ws: &mut Worksheet, rows: usize, cols: usize) -> Result<(), XlsxError> {
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, rows as u32, cols as u16 - 1)?;
    for c in 0..cols {
        ws.set_column_width(c as u16, if c == 1 { 40 } else { 18 })?;
    }
    Ok(())
}

/// A text cell (always a string, never a formula); empty text writes nothing.
fn text(ws: &mut Worksheet, r: u32, c: u16, s: &str) -> Result<(), XlsxError> {
    if s.is_empty() {
        return Ok(());
    }
    if s.encode_utf16().count() > CELL_MAX {
        let mut used = 0;
        let cut: String = s
            .chars()
            .take_while(|ch| {
                used += ch.len_utf16();
                used <= CELL_MAX
            })
            .collect();
        ws.write_string(r, c, cut)?;
    } else {
        ws.write_string(r, c, s)?;
    }
    Ok(())
}
