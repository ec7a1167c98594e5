//! The measure library: common measures for sales, marketing, finance, the executive team,
//! HR and customer success, with their kinds, leading/lagging, direction, and the
//! trade-offs, feeds and guards between them.
//!
//! It is data (`data/measure-library.json`, compiled in), so HR or a consultant can read and
//! extend it without touching code. The app seeds its measures view from it and the
//! generator builds synthetic organisations from it.

use crate::model::{Direction, Interaction, Measure, MeasureKind};
use serde::{Deserialize, Serialize};

const LIBRARY_JSON: &str = include_str!("../data/measure-library.json");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct MeasureLibrary {
    pub functions: Vec<LibraryFunction>,
    pub measures: Vec<LibraryMeasure>,
    pub interactions: Vec<Interaction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LibraryFunction {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LibraryMeasure {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub kind: MeasureKind,
    pub direction: Direction,
    pub leading: bool,
    /// The library function this measure usually belongs to.
    pub function: String,
    pub description: String,
}

impl LibraryMeasure {
    /// The measure as it appears in a map.
    pub fn to_measure(&self) -> Measure {
        Measure {
            id: self.id.clone(),
            name: self.name.clone(),
            unit: self.unit.clone(),
            kind: self.kind,
            direction: Some(self.direction),
            leading: Some(self.leading),
        }
    }
}

impl MeasureLibrary {
    pub fn measure(&self, id: &str) -> Option<&LibraryMeasure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// Measures of one library function, in library order.
    pub fn measures_of<'a>(
        &'a self,
        function: &'a str,
    ) -> impl Iterator<Item = &'a LibraryMeasure> {
        self.measures.iter().filter(move |m| m.function == function)
    }

    /// The interactions between measures that are all in `ids`.
    pub fn interactions_among(&self, ids: &[&str]) -> Vec<Interaction> {
        self.interactions
            .iter()
            .filter(|x| ids.contains(&x.from.as_str()) && ids.contains(&x.to.as_str()))
            .cloned()
            .collect()
    }
}

/// The built-in measure library.
pub fn measure_library() -> MeasureLibrary {
    serde_json::from_str(LIBRARY_JSON).expect("the built-in measure library is valid (tested)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Effect;
    use std::collections::HashSet;

    #[test]
    fn library_is_consistent() {
        let lib = measure_library();
        let functions: HashSet<&str> = lib.functions.iter().map(|f| f.id.as_str()).collect();
        let mut ids = HashSet::new();
        for m in &lib.measures {
            assert!(ids.insert(m.id.as_str()), "duplicate measure {}", m.id);
            assert!(
                functions.contains(m.function.as_str()),
                "{}: no function {}",
                m.id,
                m.function
            );
            assert!(!m.description.is_empty(), "{} has no description", m.id);
        }
        for x in &lib.interactions {
            assert!(
                ids.contains(x.from.as_str()),
                "interaction from unknown {}",
                x.from
            );
            assert!(
                ids.contains(x.to.as_str()),
                "interaction to unknown {}",
                x.to
            );
            assert_ne!(x.from, x.to, "self-interaction on {}", x.from);
        }
        for f in ["sales", "marketing", "finance", "executive", "hr"] {
            assert!(lib.measures_of(f).count() >= 5, "too few measures for {f}");
        }
    }

    #[test]
    fn every_cross_function_feed_has_a_guard() {
        let lib = measure_library();
        for x in lib
            .interactions
            .iter()
            .filter(|x| x.effect == Effect::Feeds)
        {
            let from = lib.measure(&x.from).unwrap();
            let to = lib.measure(&x.to).unwrap();
            if from.function != to.function {
                assert!(
                    lib.interactions
                        .iter()
                        .any(|g| g.effect == Effect::Guards && g.to == x.from),
                    "{} feeds {} in another function but nothing guards it",
                    x.from,
                    x.to
                );
            }
        }
    }

    #[test]
    fn library_has_the_classic_trade_offs() {
        let lib = measure_library();
        let has = |effect: Effect| lib.interactions.iter().any(|x| x.effect == effect);
        assert!(has(Effect::Undermines) && has(Effect::Feeds) && has(Effect::Guards));
    }
}
