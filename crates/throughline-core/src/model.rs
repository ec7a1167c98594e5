//! The map model: one Rust type per object of the `throughline/1` document.
//!
//! Optional scalar fields stay `Option` so that a map read and written again is the same
//! map (a default that was omitted stays omitted). Use the `effective_*` accessors for the
//! value the rules see.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// The exact value of the `format` field.
pub const FORMAT: &str = "throughline/1";

/// Defaults of `settings`.
pub const DEFAULT_STALE_FEEDBACK_DAYS: u64 = 30;
pub const DEFAULT_MAX_GOALS_PER_PERSON: u64 = 7;
pub const DEFAULT_MAX_SETTERS_PER_PERSON: u64 = 3;

/// A whole map document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "MapDocument"))]
#[serde(deny_unknown_fields)]
pub struct Map {
    pub format: String,
    pub organisation: Organisation,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub settings: Option<Settings>,
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub values: Vec<Value>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub check_ins: Vec<CheckIn>,
}

impl Map {
    /// An empty map for an organisation of this name.
    pub fn new(name: impl Into<String>) -> Self {
        Map {
            format: FORMAT.to_string(),
            organisation: Organisation {
                name: name.into(),
                focus_function: None,
            },
            settings: None,
            units: Vec::new(),
            people: Vec::new(),
            values: Vec::new(),
            measures: Vec::new(),
            interactions: Vec::new(),
            goals: Vec::new(),
            check_ins: Vec::new(),
        }
    }

    pub fn settings_or_default(&self) -> Settings {
        self.settings.clone().unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub focus_function: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_date"
    )]
    pub as_of: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub stale_feedback_days: Option<u64>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub max_goals_per_person: Option<u64>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub max_setters_per_person: Option<u64>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub rules: Option<BTreeMap<String, RuleSetting>>,
}

impl Settings {
    pub fn effective_stale_feedback_days(&self) -> u64 {
        self.stale_feedback_days
            .unwrap_or(DEFAULT_STALE_FEEDBACK_DAYS)
    }
    pub fn effective_max_goals_per_person(&self) -> u64 {
        self.max_goals_per_person
            .unwrap_or(DEFAULT_MAX_GOALS_PER_PERSON)
    }
    pub fn effective_max_setters_per_person(&self) -> u64 {
        self.max_setters_per_person
            .unwrap_or(DEFAULT_MAX_SETTERS_PER_PERSON)
    }
}

/// What `settings.rules` may say of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    pub name: String,
    pub kind: UnitKind,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Organisation,
    Function,
    Team,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub unit: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub role: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub manager: Option<String>,
    /// The person's e-mail address as the HR system holds it (import matches on it).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub id: String,
    pub name: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub description: Option<String>,
    /// `None` when the document omitted the field (the same as empty for the rules).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub behaviours: Option<Vec<Behaviour>>,
}

impl Value {
    pub fn behaviours(&self) -> &[Behaviour] {
        self.behaviours.as_deref().unwrap_or(&[])
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub id: String,
    pub name: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub unit: Option<String>,
    pub kind: MeasureKind,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub direction: Option<Direction>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub leading: Option<bool>,
}

impl Measure {
    pub fn effective_direction(&self) -> Direction {
        self.direction.unwrap_or(Direction::Increase)
    }
    pub fn is_leading(&self) -> bool {
        self.leading.unwrap_or(false)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum MeasureKind {
    Outcome,
    Activity,
    Quality,
    Behaviour,
    Development,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Increase,
    Decrease,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub from: String,
    pub to: String,
    pub effect: Effect,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

/// How pushing one measure in its direction affects another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    Undermines,
    Supports,
    Feeds,
    Guards,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub title: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub level: Option<Level>,
    pub owner: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub set_by: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub measure: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_target",
        deserialize_with = "present"
    )]
    pub target: Option<f64>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_date"
    )]
    pub due: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub status: Option<Status>,
    /// `None` when the document omitted the field (the same as empty for the rules).
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub supports: Option<Vec<String>>,
    /// Value or behaviour ids. `None` when omitted.
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub values: Option<Vec<String>>,
}

impl Goal {
    pub fn effective_level(&self) -> Level {
        self.level.unwrap_or(Level::Objective)
    }
    pub fn effective_status(&self) -> Status {
        self.status.unwrap_or(Status::Proposed)
    }
    pub fn supports(&self) -> &[String] {
        self.supports.as_deref().unwrap_or(&[])
    }
    pub fn values(&self) -> &[String] {
        self.values.as_deref().unwrap_or(&[])
    }
    pub fn is_strategy(&self) -> bool {
        self.effective_level() == Level::Strategy
    }
}

/// An optional field that, when present, must hold a value (`null` is refused, as the map
/// format has no nulls).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A date written exactly `YYYY-MM-DD`.
fn strict_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = String::deserialize(d)?;
    parse_date(&s)
        .ok_or_else(|| serde::de::Error::custom(format!("bad date \"{s}\": expected YYYY-MM-DD")))
}

fn present_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    strict_date(d).map(Some)
}

/// Whole numbers are written without a fraction (`8000000`, not `8000000.0`), so a map
/// read and written again keeps its look.
fn serialize_target<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Strategy,
    Objective,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Proposed,
    Agreed,
    Disputed,
}

/// A step of a goal's agreement (catchball, `crate::agreement`): workspace data beside
/// the map, never part of the map document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum AgreementKind {
    /// A target (and due date) put to the owner.
    Proposed,
    /// The owner (or anyone) answers with another target or due date, and why.
    Countered,
    Agreed,
    Disputed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    pub person: String,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub with: Option<String>,
    #[serde(deserialize_with = "strict_date")]
    pub date: NaiveDate,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub kind: Option<CheckInKind>,
    #[cfg_attr(feature = "ts", ts(optional))]
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub notes: Option<String>,
}

impl CheckIn {
    pub fn effective_kind(&self) -> CheckInKind {
        self.kind.unwrap_or(CheckInKind::Coaching)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum CheckInKind {
    Coaching,
    Review,
    Feedback,
}

/// Each enum's values, their names in the document and their labels in the app, defined
/// once beside the type: the reader's messages, the page's option lists (generated into
/// `ui/src/bindings.ts` as `ENUM_VALUES`) and the app's labels all come from here. A test
/// holds the names to the serde names.
macro_rules! values {
    ($($t:ident { $($v:ident => $name:literal, $label:literal;)* })*) => {$(
        impl $t {
            /// Every value, in the order the app lists them.
            pub const ALL: &'static [$t] = &[$($t::$v),*];
            /// The names the document may use, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// Its name in the document ("agreed").
            pub fn name(self) -> &'static str {
                match self { $($t::$v => $name),* }
            }

            /// The value of a name the document may use (`None` for any other text).
            pub fn from_name(name: &str) -> Option<$t> {
                match name { $($name => Some($t::$v),)* _ => None }
            }

            /// How the app shows it ("Agreed").
            pub fn label(self) -> &'static str {
                match self { $($t::$v => $label),* }
            }
        }
    )*};
}

values! {
    RuleSetting { Off => "off", "Off"; Info => "info", "Info"; Warning => "warning", "Warning"; Error => "error", "Error"; }
    UnitKind { Organisation => "organisation", "Organisation"; Function => "function", "Function"; Team => "team", "Team"; }
    MeasureKind {
        Outcome => "outcome", "Outcome";
        Activity => "activity", "Activity";
        Quality => "quality", "Quality";
        Behaviour => "behaviour", "Behaviour";
        Development => "development", "Development";
    }
    Direction { Increase => "increase", "Higher is better"; Decrease => "decrease", "Lower is better"; }
    Effect { Undermines => "undermines", "Undermines"; Supports => "supports", "Supports"; Feeds => "feeds", "Feeds"; Guards => "guards", "Guards"; }
    Level { Strategy => "strategy", "Strategy"; Objective => "objective", "Objective"; }
    Status { Proposed => "proposed", "Proposed"; Agreed => "agreed", "Agreed"; Disputed => "disputed", "Disputed"; }
    CheckInKind { Coaching => "coaching", "Coaching"; Review => "review", "Review"; Feedback => "feedback", "Feedback"; }
    AgreementKind { Proposed => "proposed", "Proposed"; Countered => "countered", "Countered"; Agreed => "agreed", "Agreed"; Disputed => "disputed", "Disputed"; }
}

/// A borrowed map shared by copying it: for tests and one-off tools. Paths that run per
/// change pass an `Arc<Map>` they already hold (the workspace's), which copies nothing.
impl From<&Map> for std::sync::Arc<Map> {
    fn from(map: &Map) -> Self {
        std::sync::Arc::new(map.clone())
    }
}

/// Calls the macro `$m` with every enum that `values!` defines, the one list of them (the
/// names resolve where it is called: import `throughline_core::model::*` there).
#[macro_export]
macro_rules! with_value_enums {
    ($m:ident) => {
        $m!(
            RuleSetting,
            UnitKind,
            MeasureKind,
            Direction,
            Effect,
            Level,
            Status,
            CheckInKind,
            AgreementKind
        )
    };
}

/// Parse a strict `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod value_tests {
    use super::*;

    fn serde_name<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .expect("a name")
    }

    #[test]
    fn enum_names_are_the_serde_names() {
        macro_rules! check {
            ($($t:ident),*) => {$(
                assert_eq!($t::ALL.len(), $t::NAMES.len());
                for (v, n) in $t::ALL.iter().zip($t::NAMES) {
                    assert_eq!(serde_name(*v), *n);
                    assert_eq!(v.name(), *n);
                }
            )*};
        }
        crate::with_value_enums!(check);
    }
}
