//! Header recognition: normalisation, the contract's synonym tables, the header row, the
//! kind of a table and its column mapping (with `--column` and `--levels`).

use crate::problem::{Problem, TableRef};
use crate::read::{Row, Table};
use serde::{Deserialize, Serialize};

/// A header (or a vocabulary word) normalised: lower case, without spaces, `_`, `-`, `.`,
/// `:`, `(`, `)` and `/`.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | ':' | '(' | ')' | '/' | '\u{feff}')
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A field a column can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    // People.
    PersonId,
    Email,
    Name,
    FirstName,
    LastName,
    Role,
    Manager,
    ManagerId,
    ManagerEmail,
    /// A unit level column: 0 is the function, then departments and teams.
    Level(u8),
    UnitPath,
    // Goals.
    GoalId,
    Title,
    GoalLevel,
    Owner,
    SetBy,
    Measure,
    MeasureKind,
    Target,
    Due,
    Status,
    Supports,
    Values,
}

impl Field {
    /// The field's name, as `--column FIELD=HEADER` and the change set write it.
    pub fn name(self) -> String {
        match self {
            Field::PersonId | Field::GoalId => "id".into(),
            Field::Email => "email".into(),
            Field::Name => "name".into(),
            Field::FirstName => "first_name".into(),
            Field::LastName => "last_name".into(),
            Field::Role => "role".into(),
            Field::Manager => "manager".into(),
            Field::ManagerId => "manager_id".into(),
            Field::ManagerEmail => "manager_email".into(),
            Field::Level(0) => "function".into(),
            Field::Level(1) => "department".into(),
            Field::Level(2) => "team".into(),
            Field::Level(n) => format!("level{}", n + 1),
            Field::UnitPath => "unit_path".into(),
            Field::Title => "title".into(),
            Field::GoalLevel => "level".into(),
            Field::Owner => "owner".into(),
            Field::SetBy => "set_by".into(),
            Field::Measure => "measure".into(),
            Field::MeasureKind => "measure_kind".into(),
            Field::Target => "target".into(),
            Field::Due => "due".into(),
            Field::Status => "status".into(),
            Field::Supports => "supports".into(),
            Field::Values => "values".into(),
        }
    }

    fn is_people(self) -> bool {
        matches!(
            self,
            Field::PersonId
                | Field::Email
                | Field::Name
                | Field::FirstName
                | Field::LastName
                | Field::Role
                | Field::Manager
                | Field::ManagerId
                | Field::ManagerEmail
                | Field::Level(_)
                | Field::UnitPath
        )
    }
}

/// The people table's header synonyms (normalised), in the contract's order.
const PEOPLE: &[(Field, &[&str])] = &[
    (
        Field::PersonId,
        &[
            "employeeid",
            "employee#",
            "employeenumber",
            "employeeno",
            "eeid",
            "workerid",
            "personnelnumber",
            "staffid",
            "personid",
            "id",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "workemail",
            "emailaddress",
            "businessemail",
            "workemailaddress",
            "companyemail",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "fullname",
            "employeename",
            "displayname",
            "worker",
            "person",
        ],
    ),
    (
        Field::FirstName,
        &["firstname", "givenname", "legalfirstname"],
    ),
    (
        Field::LastName,
        &["lastname", "surname", "familyname", "legallastname"],
    ),
    (
        Field::Role,
        &[
            "jobtitle",
            "title",
            "position",
            "role",
            "businesstitle",
            "jobprofile",
            "designation",
        ],
    ),
    (
        Field::Manager,
        &[
            "manager",
            "managername",
            "reportsto",
            "supervisor",
            "supervisorname",
            "linemanager",
            "directmanager",
        ],
    ),
    (
        Field::ManagerId,
        &[
            "managerid",
            "supervisorid",
            "supervisoreid",
            "reportstoid",
            "manageremployeeid",
            "manager#",
        ],
    ),
    (
        Field::ManagerEmail,
        &[
            "manageremail",
            "supervisoremail",
            "reportstoemail",
            "linemanageremail",
        ],
    ),
    (Field::Level(0), &["function", "division", "businessunit"]),
    (Field::Level(1), &["department", "dept", "departmentname"]),
    (
        Field::Level(2),
        &["team", "subteam", "group", "subdepartment", "squad"],
    ),
    (
        Field::UnitPath,
        &["orgpath", "unitpath", "orgunitpath", "departmentpath"],
    ),
];

/// The goals table's header synonyms (normalised).
const GOALS: &[(Field, &[&str])] = &[
    (Field::GoalId, &["goalid", "id", "key", "okrid", "ref"]),
    (
        Field::Title,
        &[
            "goal",
            "goaltitle",
            "title",
            "objective",
            "keyresult",
            "kr",
            "okr",
            "goalname",
        ],
    ),
    (Field::GoalLevel, &["level", "type", "goaltype", "tier"]),
    (
        Field::Owner,
        &[
            "owner",
            "owneremail",
            "ownerid",
            "ownedby",
            "assignee",
            "responsible",
            "accountable",
        ],
    ),
    (
        Field::SetBy,
        &["setby", "assignedby", "requestedby", "imposedby", "setter"],
    ),
    (Field::Measure, &["measure", "metric", "kpi", "measurename"]),
    (
        Field::MeasureKind,
        &["measurekind", "metrictype", "kpitype"],
    ),
    (
        Field::Target,
        &["target", "targetvalue", "goalvalue", "quota"],
    ),
    (
        Field::Due,
        &["due", "duedate", "deadline", "enddate", "targetdate"],
    ),
    (Field::Status, &["status", "agreement"]),
    (
        Field::Supports,
        &[
            "supports",
            "parent",
            "parentgoal",
            "parentid",
            "alignedto",
            "contributesto",
        ],
    ),
    (Field::Values, &["values", "value", "companyvalues"]),
];

fn lookup(table: &[(Field, &[&str])], norm: &str) -> Option<Field> {
    table
        .iter()
        .find(|(_, names)| names.contains(&norm))
        .map(|(f, _)| *f)
}

/// True when a normalised header names a field of either table.
pub fn is_recognised(norm: &str) -> bool {
    !norm.is_empty() && (lookup(PEOPLE, norm).is_some() || lookup(GOALS, norm).is_some())
}

/// The kind of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    People,
    Goals,
    /// Neither: skipped with a note.
    Skipped,
}

/// A field a user names in `--column FIELD=HEADER`: the same name may mean a people field
/// or a goals field (`id`), decided by the table's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChoice {
    pub people: Option<Field>,
    pub goals: Option<Field>,
}

impl FieldChoice {
    /// The field of this name (`id`, `email`, `function`, `set_by`, ...).
    pub fn parse(name: &str) -> Option<FieldChoice> {
        let n = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let people = match n.as_str() {
            "id" => Some(Field::PersonId),
            "email" => Some(Field::Email),
            "name" => Some(Field::Name),
            "first" | "first_name" => Some(Field::FirstName),
            "last" | "last_name" => Some(Field::LastName),
            "role" => Some(Field::Role),
            "manager" => Some(Field::Manager),
            "manager_id" => Some(Field::ManagerId),
            "manager_email" => Some(Field::ManagerEmail),
            "function" | "level1" => Some(Field::Level(0)),
            "department" | "level2" => Some(Field::Level(1)),
            "team" | "level3" => Some(Field::Level(2)),
            "unit_path" => Some(Field::UnitPath),
            _ => None,
        };
        let goals = match n.as_str() {
            "id" => Some(Field::GoalId),
            "title" => Some(Field::Title),
            "level" => Some(Field::GoalLevel),
            "owner" => Some(Field::Owner),
            "set_by" => Some(Field::SetBy),
            "measure" => Some(Field::Measure),
            "measure_kind" => Some(Field::MeasureKind),
            "target" => Some(Field::Target),
            "due" => Some(Field::Due),
            "status" => Some(Field::Status),
            "supports" => Some(Field::Supports),
            "values" => Some(Field::Values),
            _ => None,
        };
        (people.is_some() || goals.is_some()).then_some(FieldChoice { people, goals })
    }

    fn for_kind(self, kind: TableKind) -> Option<Field> {
        match kind {
            TableKind::Goals => self.goals,
            _ => self.people,
        }
    }
}

/// The field names `--column` accepts.
pub const FIELD_NAMES: &str = "id, email, name, first_name, last_name, role, manager, manager_id, manager_email, function, department, team, unit_path (people); id, title, level, owner, set_by, measure, measure_kind, target, due, status, supports, values (goals)";

/// An explicit mapping of one header: `--column FIELD=HEADER` or `--column HEADER=ignore`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnOverride {
    /// Only this table (the app's per-table mapping); `None`: every table with the header.
    pub table: Option<TableRef>,
    /// The header as written (compared normalised).
    pub header: String,
    /// The field; `None` ignores the column.
    pub field: Option<FieldChoice>,
}

impl ColumnOverride {
    /// Parse `FIELD=HEADER` or `HEADER=ignore`.
    pub fn parse(arg: &str) -> Result<ColumnOverride, String> {
        let (left, right) = arg
            .split_once('=')
            .ok_or_else(|| format!("--column \"{arg}\": expected FIELD=HEADER or HEADER=ignore"))?;
        if right.trim().eq_ignore_ascii_case("ignore") {
            return Ok(ColumnOverride {
                table: None,
                header: left.trim().to_string(),
                field: None,
            });
        }
        let field = FieldChoice::parse(left).ok_or_else(|| {
            format!(
                "--column \"{arg}\": no field \"{}\"; the fields are {FIELD_NAMES}",
                left.trim()
            )
        })?;
        if right.trim().is_empty() {
            return Err(format!("--column \"{arg}\": no header after ="));
        }
        Ok(ColumnOverride {
            table: None,
            header: right.trim().to_string(),
            field: Some(field),
        })
    }

    fn applies_to(&self, t: &TableRef) -> bool {
        self.table.as_ref().is_none_or(|x| x == t)
    }
}

/// One column of a table's header row and the field it gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Its position in the row (0-based).
    pub index: usize,
    /// The header as written, trimmed.
    pub header: String,
    /// The field; `None`: ignored.
    pub field: Option<Field>,
}

/// How a table's columns were understood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mapping {
    pub source: TableRef,
    pub kind: TableKind,
    /// The header row's number; `None` when no row has two recognised headers.
    pub header_row: Option<u32>,
    /// Every non-empty header of the header row, in order.
    pub columns: Vec<Column>,
}

impl Mapping {
    /// The column giving this field.
    pub fn column(&self, f: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == Some(f))
    }

    /// The header of the column giving this field.
    pub fn header(&self, f: Field) -> Option<&str> {
        self.column(f).map(|c| c.header.as_str())
    }

    /// Headers matching no field.
    pub fn ignored(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none())
            .map(|c| c.header.as_str())
    }

    /// The level columns, in level order.
    pub fn levels(&self) -> Vec<&Column> {
        let mut v: Vec<&Column> = self
            .columns
            .iter()
            .filter(|c| matches!(c.field, Some(Field::Level(_))))
            .collect();
        v.sort_by_key(|c| match c.field {
            Some(Field::Level(n)) => n,
            _ => 0,
        });
        v
    }
}

/// How many rows the header row may sit below the top.
const HEADER_SEARCH_ROWS: usize = 50;

/// Find the header row, the table's kind and its mapping. `levels`: the `--levels`
/// headers, which replace the level synonyms.
pub fn map_table(
    table: &Table,
    overrides: &[ColumnOverride],
    levels: Option<&[String]>,
    problems: &mut Vec<Problem>,
) -> Mapping {
    let src = &table.source;
    let overrides: Vec<&ColumnOverride> = overrides.iter().filter(|o| o.applies_to(src)).collect();
    let level_norms: Option<Vec<String>> = levels.map(|l| l.iter().map(|h| normalise(h)).collect());
    let recognised = |norm: &str| {
        is_recognised(norm)
            || overrides
                .iter()
                .any(|o| o.field.is_some() && normalise(&o.header) == norm)
            || level_norms
                .as_ref()
                .is_some_and(|l| l.iter().any(|x| x == norm))
    };
    let header = table.rows.iter().take(HEADER_SEARCH_ROWS).find(|r| {
        r.cells
            .iter()
            .filter(|c| recognised(&normalise(&c.text())))
            .count()
            >= 2
    });
    let Some(header) = header else {
        return Mapping {
            source: src.clone(),
            kind: TableKind::Skipped,
            header_row: None,
            columns: Vec::new(),
        };
    };
    let raw: Vec<(usize, String, String)> = header
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| (i, c.text().into_owned(), normalise(&c.text())))
        .filter(|(_, h, _)| !h.is_empty())
        .collect();
    // Explicit choices first: Some(Some(f)) a field, Some(None) ignored.
    let explicit = |norm: &str| -> Option<Option<FieldChoice>> {
        overrides
            .iter()
            .rev()
            .find(|o| normalise(&o.header) == norm)
            .map(|o| o.field)
    };
    let kind_of = |field_for: &dyn Fn(&str) -> Option<Field>| -> Vec<Option<Field>> {
        raw.iter().map(|(_, _, n)| field_for(n)).collect()
    };
    let goals_fields = kind_of(&|n| match explicit(n) {
        Some(choice) => choice.and_then(|c| c.goals),
        None => lookup(GOALS, n),
    });
    let kind = if goals_fields.contains(&Some(Field::Owner)) {
        TableKind::Goals
    } else {
        let people_fields = kind_of(&|n| people_field(n, &explicit, level_norms.as_deref()));
        let has = |f| people_fields.contains(&Some(f));
        if has(Field::Name) || (has(Field::FirstName) && has(Field::LastName)) {
            TableKind::People
        } else {
            TableKind::Skipped
        }
    };
    let fields: Vec<Option<Field>> = match kind {
        TableKind::Goals => goals_fields,
        TableKind::People => kind_of(&|n| people_field(n, &explicit, level_norms.as_deref())),
        TableKind::Skipped => vec![None; raw.len()],
    };
    let columns: Vec<Column> = raw
        .iter()
        .zip(fields)
        .map(|((i, h, _), f)| Column {
            index: *i,
            header: h.clone(),
            field: f,
        })
        .collect();
    let mapping = Mapping {
        source: src.clone(),
        kind,
        header_row: Some(header.number),
        columns,
    };
    if kind != TableKind::Skipped {
        duplicate_fields(&mapping, header, problems);
        if let (TableKind::People, Some(levels)) = (kind, levels) {
            for l in levels {
                if !mapping
                    .columns
                    .iter()
                    .any(|c| normalise(&c.header) == normalise(l))
                {
                    problems.push(Problem::table(
                        src,
                        format!(
                            "--levels names \"{l}\", but no column has that header (headers: {})",
                            header_list(&mapping)
                        ),
                    ));
                }
            }
        }
    }
    mapping
}

fn people_field(
    norm: &str,
    explicit: &dyn Fn(&str) -> Option<Option<FieldChoice>>,
    levels: Option<&[String]>,
) -> Option<Field> {
    if let Some(levels) = levels {
        if let Some(i) = levels.iter().position(|l| l == norm) {
            return Some(Field::Level(i.min(u8::MAX as usize) as u8));
        }
    }
    match explicit(norm) {
        Some(choice) => choice.and_then(|c| c.for_kind(TableKind::People)),
        None => match lookup(PEOPLE, norm) {
            // With --levels, the level synonyms are ordinary (ignored) headers.
            Some(Field::Level(_)) if levels.is_some() => None,
            f => f.filter(|f| f.is_people()),
        },
    }
}

/// Every header of the mapping, quoted, for messages.
pub fn header_list(m: &Mapping) -> String {
    m.columns
        .iter()
        .map(|c| format!("\"{}\"", c.header))
        .collect::<Vec<_>>()
        .join(", ")
}

fn duplicate_fields(m: &Mapping, header: &Row, problems: &mut Vec<Problem>) {
    for (i, c) in m.columns.iter().enumerate() {
        let Some(f) = c.field else { continue };
        if let Some(first) = m.columns[..i].iter().find(|x| x.field == Some(f)) {
            problems.push(Problem::cell(
                &m.source,
                header.number,
                Some(&c.header),
                format!(
                    "columns \"{}\" and \"{}\" both give the {} field; keep one with --column \"{}=ignore\" (or name the other with --column {}=HEADER)",
                    first.header,
                    c.header,
                    f.name(),
                    c.header,
                    f.name()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_tables;

    fn mapping(
        csv: &str,
        overrides: &[ColumnOverride],
        levels: Option<&[String]>,
    ) -> (Mapping, Vec<Problem>) {
        let t = &read_tables("t.csv", csv.as_bytes()).unwrap()[0];
        let mut problems = Vec::new();
        let m = map_table(t, overrides, levels, &mut problems);
        (m, problems)
    }

    #[test]
    fn normalises_as_the_contract_says() {
        assert_eq!(normalise(" Employee # "), "employee#");
        assert_eq!(normalise("Supervisor_E-mail (work)"), "supervisoremailwork");
        assert_eq!(normalise("Org/Unit.Path:"), "orgunitpath");
    }

    #[test]
    fn header_row_below_a_title_and_kinds() {
        let (m, p) = mapping(
            "Workers report,\nAs of 2026-11-01,\nWorker,Employee ID,Notes\nAna,1,x\n",
            &[],
            None,
        );
        assert!(p.is_empty());
        assert_eq!((m.kind, m.header_row), (TableKind::People, Some(3)));
        assert_eq!(m.header(Field::PersonId), Some("Employee ID"));
        assert_eq!(m.ignored().collect::<Vec<_>>(), vec!["Notes"]);
        let (m, _) = mapping("Title,Owner\nWin,Ana\n", &[], None);
        assert_eq!(m.kind, TableKind::Goals);
        assert_eq!(m.header(Field::Title), Some("Title"));
        let (m, _) = mapping("Step,Text\n1,Fill in\n", &[], None);
        assert_eq!(m.kind, TableKind::Skipped);
        let (m, _) = mapping("First Name,Last Name\nAna,Lima\n", &[], None);
        assert_eq!(m.kind, TableKind::People);
    }

    #[test]
    fn duplicates_overrides_and_levels() {
        let (_, p) = mapping("Name,Email,Work Email\n", &[], None);
        assert_eq!(p.len(), 1);
        assert!(p[0].to_string().starts_with("t.csv row 1, column \"Work Email\": columns \"Email\" and \"Work Email\" both give the email field"), "{}", p[0]);
        let o = [
            ColumnOverride::parse("Work Email=ignore").unwrap(),
            ColumnOverride::parse("department=Supervisory Organization").unwrap(),
        ];
        let (m, p) = mapping("Name,Email,Work Email,Supervisory Organization\n", &o, None);
        assert!(p.is_empty());
        assert_eq!(m.header(Field::Level(1)), Some("Supervisory Organization"));
        let levels = vec!["Area".to_string(), "Division".to_string()];
        let (m, p) = mapping("Name,Division,Area,Team\n", &[], Some(&levels));
        assert!(p.is_empty());
        assert_eq!(
            m.levels()
                .iter()
                .map(|c| c.header.as_str())
                .collect::<Vec<_>>(),
            vec!["Area", "Division"]
        );
        assert_eq!(m.ignored().collect::<Vec<_>>(), vec!["Team"]);
        assert!(ColumnOverride::parse("colour=Hair")
            .unwrap_err()
            .contains("no field \"colour\""));
    }
}
