//! The findings panel: rows with names, grouping counts, filters and paging, so a large
//! organisation's findings never cross IPC all at once.

use serde::{Deserialize, Serialize};
use throughline_core::analysis::{Analysis, Finding, Hit, Severity, Summary};
use throughline_core::org::{id_of, Node, Org, Party};
use throughline_core::patterns::Pattern;
use throughline_core::rules::REGISTRY;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct FindingFilter {
    #[cfg_attr(feature = "ts", ts(optional))]
    pub severity: Option<Severity>,
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rule: Option<String>,
    /// A function unit id, or "" for findings outside any function.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub function: Option<String>,
    /// A person id: findings about them or their goals.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub person: Option<String>,
    /// A pattern of this revision (its `index` in `FindingsPage::patterns`): its findings.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pattern: Option<u32>,
    pub offset: u32,
    /// Rows per page (default 200).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingRow {
    pub finding: Finding,
    pub subject_label: String,
    pub related_labels: Vec<String>,
    /// The rule's name for people ("Imposed goal"), shown before its id.
    pub rule_name: String,
    pub rule_summary: String,
    /// Function of the subject (id and name), if any.
    pub function: Option<String>,
    pub function_name: Option<String>,
    /// Whose the subject is, shown after it so rows of one title tell apart: a goal's
    /// owner (a unit, or a person with their unit: "Tom Silva, Sales Team 10"); a person's
    /// unit. `None` for units and values.
    pub owner_label: Option<String>,
    /// For a finding about a goal set by someone other than its owner: the setter's name
    /// (shown as "set by …").
    pub setter_label: Option<String>,
    /// The related items in words after the rule's `related_as` ("pulls against Win rate
    /// 30%", at most three named, then "and N more"); `None` when there are none or they
    /// are just the setter already named in `setter_label`.
    pub related_text: Option<String>,
}

/// One pattern (findings that share a cause, `throughline_core::patterns`), as the panel
/// leads with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PatternRow {
    /// Its place in this revision's patterns (biggest first): `FindingFilter::pattern`.
    pub index: u32,
    pub rule: String,
    /// The rule's name for people ("Imposed goal").
    pub rule_name: String,
    pub severity: Severity,
    pub count: u32,
    /// In plain words, without ids.
    pub message: String,
    /// The function the findings are in, if any.
    pub function_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupCount {
    pub key: String,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingsPage {
    pub summary: Summary,
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    /// Findings matching the filter (all pages).
    pub matching: u32,
    pub rows: Vec<FindingRow>,
    /// Counts over all findings, for the filter menus.
    pub by_rule: Vec<GroupCount>,
    pub by_function: Vec<GroupCount>,
    /// The organisation's focus function, and how many of its goals other functions set.
    pub focus_function: Option<String>,
    pub imposed_on_focus: u32,
    /// Findings matching the filter per severity and rule (key `severity|rule`), over all
    /// pages: the panel's group counts, which a page of rows alone would understate.
    pub matching_groups: Vec<GroupCount>,
    /// The patterns matching the filter's severity, rule and function, biggest first (at
    /// most [`PATTERNS_SHOWN`]), and how many match in all.
    pub patterns: Vec<PatternRow>,
    pub matching_patterns: u32,
}

/// Patterns a findings page carries.
pub const PATTERNS_SHOWN: usize = 100;

fn about_person(org: &Org, h: &Hit, person: u32) -> bool {
    h.nodes().any(|n| match n {
        Node::Person(p) => p == person,
        Node::Goal(g) => org.goal_owner[g as usize] == Party::Person(person),
        _ => false,
    })
}

fn label(org: &Org, n: Node) -> String {
    let id = id_of(&org.map, n);
    org.name_of(id).unwrap_or(id).to_string()
}

/// Goals owned in the focus function and set by someone whose unit is outside it.
fn imposed_on_focus(org: &Org) -> (Option<String>, u32) {
    let Some(focus) = org
        .map
        .organisation
        .focus_function
        .as_deref()
        .and_then(|f| org.unit_index(f))
    else {
        return (None, 0);
    };
    let n = (0..org.map.goals.len() as u32)
        .filter(|&g| {
            org.goal_owner_function(g) == Some(focus)
                && !org.in_line[g as usize]
                && org.unit_function[org.goal_setter_unit[g as usize] as usize] != Some(focus)
        })
        .count();
    (Some(org.map.units[focus as usize].name.clone()), n as u32)
}

/// What every findings page of one analysed revision shares: each finding's function,
/// the counts per rule and per function, and the focus function's imposed goals. Built
/// once per revision ([`FindingsIndex::new`]); pages only filter and cut.
#[derive(Debug, Clone)]
pub struct FindingsIndex {
    funcs: Vec<Option<u32>>,
    by_rule: Vec<GroupCount>,
    by_function: Vec<GroupCount>,
    focus_function: Option<String>,
    imposed_on_focus: u32,
    /// Findings per severity (error, warning, info).
    severities: [u32; 3],
    patterns: Vec<Pattern>,
    /// Per finding, its pattern's index in `patterns`.
    pattern_of: Vec<u32>,
}

impl FindingsIndex {
    pub fn new(org: &Org, analysis: &Analysis) -> Self {
        let funcs: Vec<Option<u32>> = analysis
            .hits
            .iter()
            .map(|h| org.function_of_node(h.subject))
            .collect();
        // Counted in tables (per rule, per unit, and one for no function), named at the end.
        let mut rule_counts = vec![0u32; throughline_core::rules::REGISTRY.len()];
        let mut rule_order: Vec<u8> = Vec::new();
        let mut unit_counts = vec![0u32; org.map.units.len()];
        let mut no_function = 0u32;
        let mut severities = [0u32; 3];
        for (h, func) in analysis.hits.iter().zip(&funcs) {
            if rule_counts[h.rule as usize] == 0 {
                rule_order.push(h.rule);
            }
            rule_counts[h.rule as usize] += 1;
            severities[h.severity as usize] += 1;
            match func {
                Some(u) => unit_counts[*u as usize] += 1,
                None => no_function += 1,
            }
        }
        let by_rule: Vec<GroupCount> = rule_order
            .into_iter()
            .map(|r| {
                let rule = throughline_core::rules::REGISTRY[r as usize];
                GroupCount {
                    key: rule.id.to_string(),
                    label: rule.name(),
                    count: rule_counts[r as usize],
                }
            })
            .collect();
        let mut by_function: Vec<GroupCount> = unit_counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(u, &count)| GroupCount {
                key: org.map.units[u].id.clone(),
                label: org.map.units[u].name.clone(),
                count,
            })
            .collect();
        if no_function > 0 {
            by_function.push(GroupCount {
                key: String::new(),
                label: "No function".into(),
                count: no_function,
            });
        }
        by_function.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
        let (focus_function, imposed_on_focus) = imposed_on_focus(org);
        let patterns = throughline_core::patterns::patterns(org, analysis);
        let mut pattern_of = vec![0u32; analysis.hits.len()];
        for (p, pattern) in patterns.iter().enumerate() {
            for &i in &pattern.findings {
                pattern_of[i as usize] = p as u32;
            }
        }
        FindingsIndex {
            severities,
            patterns,
            pattern_of,
            funcs,
            by_rule,
            by_function,
            focus_function,
            imposed_on_focus,
        }
    }
}

/// A goal's owner as a row names it: a unit by its name, a person with their unit
/// ("Tom Silva, Sales Team 10"), so namesakes tell apart.
fn owner_label(org: &Org, owner: Node) -> String {
    match owner {
        Node::Person(p) => format!(
            "{}, {}",
            label(org, owner),
            label(org, Node::Unit(org.party_unit(Party::Person(p))))
        ),
        _ => label(org, owner),
    }
}

/// The related items of `h` after its rule's phrase, goals with their owners ("Win rate
/// 30% (Sales)"), leaving out the goal's setter when the row names it already.
fn related_text(org: &Org, h: &Hit, setter: Option<Node>) -> Option<String> {
    let names: Vec<String> = h
        .related
        .iter()
        .filter(|&&r| Some(r) != setter)
        .map(|&r| match r {
            // Goals of one title are told apart by their owners.
            Node::Goal(g) => format!(
                "{} ({})",
                label(org, r),
                label(org, Node::from(org.goal_owner[g as usize]))
            ),
            _ => label(org, r),
        })
        .collect();
    if names.is_empty() {
        return None;
    }
    let shown = names.len().min(3);
    let mut text = format!("{} {}", h.rule().related_as, names[..shown].join(", "));
    if names.len() > shown {
        text.push_str(&format!(" and {} more", names.len() - shown));
    }
    Some(text)
}

/// A finding as the panel shows it (`func`: its subject's function, the index's `funcs`).
fn finding_row(org: &Org, analysis: &Analysis, h: &Hit, func: Option<u32>) -> FindingRow {
    let rule = h.rule();
    // A goal's owner, and its setter when another party set it.
    let (owner, setter) = match h.subject {
        Node::Goal(g) => {
            let (o, s) = (org.goal_owner[g as usize], org.goal_setter[g as usize]);
            (
                Some(owner_label(org, Node::from(o))),
                (s != o).then(|| Node::from(s)),
            )
        }
        Node::Person(p) => (
            Some(label(org, Node::Unit(org.party_unit(Party::Person(p))))),
            None,
        ),
        _ => (None, None),
    };
    FindingRow {
        owner_label: owner,
        setter_label: setter.map(|n| label(org, n)),
        related_text: related_text(org, h, setter),
        subject_label: label(org, h.subject),
        related_labels: h.related.iter().map(|&r| label(org, r)).collect(),
        rule_name: rule.name(),
        rule_summary: rule.summary(),
        function: func.map(|u| org.map.units[u as usize].id.clone()),
        function_name: func.map(|u| org.map.units[u as usize].name.clone()),
        finding: analysis.render(org, h),
    }
}

impl FindingsIndex {
    /// The revision's `i`-th finding as the panel shows it (the new findings of a change's
    /// effect are listed by place).
    pub fn row(&self, org: &Org, analysis: &Analysis, i: u32) -> Option<FindingRow> {
        let h = analysis.hits.get(i as usize)?;
        Some(finding_row(org, analysis, h, self.funcs[i as usize]))
    }
}

/// The `i`-th finding of an analysis no [`FindingsIndex`] was built for (a snapshot's,
/// in a comparison), as the panel shows it.
pub fn finding_row_of(org: &Org, analysis: &Analysis, i: u32) -> Option<FindingRow> {
    let h = analysis.hits.get(i as usize)?;
    Some(finding_row(
        org,
        analysis,
        h,
        org.function_of_node(h.subject),
    ))
}

/// One page of findings (indexing the revision first; the app keeps the index instead,
/// see [`findings_page_indexed`]).
pub fn findings_page(org: &Org, analysis: &Analysis, filter: &FindingFilter) -> FindingsPage {
    findings_page_indexed(org, analysis, &FindingsIndex::new(org, analysis), filter)
}

/// One page of findings of a revision whose [`FindingsIndex`] is built.
pub fn findings_page_indexed(
    org: &Org,
    analysis: &Analysis,
    index: &FindingsIndex,
    filter: &FindingFilter,
) -> FindingsPage {
    let funcs = &index.funcs;
    // A person who is not in the map has no findings.
    let person = filter
        .person
        .as_deref()
        .map(|p| org.person_index(p).ok_or(()));
    let unit_matches = |func: &Option<u32>| {
        filter.function.as_deref().is_none_or(|want| match func {
            Some(u) => org.map.units[*u as usize].id == want,
            None => want.is_empty(),
        })
    };
    let matches = |i: usize, h: &Hit, func: &Option<u32>| {
        filter
            .pattern
            .is_none_or(|p| index.pattern_of.get(i) == Some(&p))
            && filter.severity.is_none_or(|s| h.severity == s)
            && filter.rule.as_deref().is_none_or(|r| h.rule().id == r)
            && unit_matches(func)
            && person.is_none_or(|p| p.is_ok_and(|p| about_person(org, h, p)))
    };
    let limit = filter.limit.unwrap_or(200) as usize;
    let mut matching = 0u32;
    let mut rows = Vec::new();
    // Counted per (severity, rule) without allocating per finding; named at the end.
    let mut groups: Vec<(Severity, &str, u32)> = Vec::new();
    for (i, (h, func)) in analysis.hits.iter().zip(funcs).enumerate() {
        if !matches(i, h, func) {
            continue;
        }
        matching += 1;
        let rule = h.rule();
        match groups
            .iter_mut()
            .find(|(s, r, _)| *s == h.severity && *r == rule.id)
        {
            Some(g) => g.2 += 1,
            None => groups.push((h.severity, rule.id, 1)),
        }
        if (matching as usize) <= filter.offset as usize || rows.len() >= limit {
            continue;
        }
        rows.push(finding_row(org, analysis, h, *func));
    }
    let cx = analysis.ctx(org);
    let mut matching_patterns = 0u32;
    let mut patterns = Vec::new();
    for (i, p) in index.patterns.iter().enumerate() {
        let rule = &REGISTRY[p.rule as usize];
        if filter.severity.is_some_and(|s| p.severity != s)
            || filter.rule.as_deref().is_some_and(|r| rule.id != r)
            || !unit_matches(&p.cause.function)
        {
            continue;
        }
        matching_patterns += 1;
        if patterns.len() < PATTERNS_SHOWN {
            patterns.push(PatternRow {
                index: i as u32,
                rule: rule.id.to_string(),
                rule_name: rule.name(),
                severity: p.severity,
                count: p.count() as u32,
                message: p.message(&cx),
                function_name: p
                    .cause
                    .function
                    .map(|u| org.map.units[u as usize].name.clone()),
            });
        }
    }
    FindingsPage {
        patterns,
        matching_patterns,
        summary: analysis.summary.clone(),
        errors: index.severities[Severity::Error as usize],
        warnings: index.severities[Severity::Warning as usize],
        infos: index.severities[Severity::Info as usize],
        matching,
        rows,
        by_rule: index.by_rule.clone(),
        by_function: index.by_function.clone(),
        focus_function: index.focus_function.clone(),
        imposed_on_focus: index.imposed_on_focus,
        matching_groups: groups
            .into_iter()
            .map(|(s, rule, count)| GroupCount {
                key: format!("{}|{rule}", s.as_str()),
                label: rule.to_string(),
                count,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> throughline_core::Map {
        throughline_core::format::read_map(include_str!("../../../tests/fixtures/acme.json"))
            .unwrap()
    }

    #[test]
    fn filters_count_and_page() {
        let map = setup();
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(
            &org,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        );
        let all = findings_page(&org, &report, &FindingFilter::default());
        assert_eq!(all.matching, 17);
        // Patterns: every finding once; a pattern's filter lists exactly its findings.
        assert_eq!(all.patterns.iter().map(|p| p.count).sum::<u32>(), 17);
        assert_eq!(all.matching_patterns as usize, all.patterns.len());
        for p in &all.patterns {
            let members = findings_page(
                &org,
                &report,
                &FindingFilter {
                    pattern: Some(p.index),
                    ..Default::default()
                },
            );
            assert_eq!(members.matching, p.count, "{}", p.message);
            assert!(members.rows.iter().all(|r| r.finding.rule == p.rule));
        }
        let imposed = all
            .patterns
            .iter()
            .find(|p| p.rule == "imposed-goal")
            .unwrap();
        assert_eq!(imposed.rule_name, "Imposed goal");
        assert_eq!((all.errors, all.warnings, all.infos), (3, 10, 4));
        assert_eq!(all.focus_function.as_deref(), Some("Sales"));
        assert_eq!(
            all.imposed_on_focus, 2,
            "forecast-95 by finance, rep1-calls by the board"
        );
        let errors = findings_page(
            &org,
            &report,
            &FindingFilter {
                severity: Some(Severity::Error),
                ..Default::default()
            },
        );
        assert_eq!(errors.matching, 3);
        let rep1 = findings_page(
            &org,
            &report,
            &FindingFilter {
                person: Some("rep1".into()),
                ..Default::default()
            },
        );
        assert!(rep1
            .rows
            .iter()
            .all(|r| r.finding.subject.starts_with("rep1")));
        assert_eq!(rep1.matching, 5);
        let sales = findings_page(
            &org,
            &report,
            &FindingFilter {
                function: Some("sales".into()),
                ..Default::default()
            },
        );
        assert!(sales
            .rows
            .iter()
            .all(|r| r.function.as_deref() == Some("sales")));
        let page = findings_page(
            &org,
            &report,
            &FindingFilter {
                offset: 15,
                limit: Some(10),
                ..Default::default()
            },
        );
        assert_eq!(page.rows.len(), 2);
        // Group counts cover every page of the matching findings, not the rows sent.
        assert_eq!(
            page.matching_groups.iter().map(|g| g.count).sum::<u32>(),
            17
        );
        assert_eq!(
            page.matching_groups
                .iter()
                .filter(|g| g.key.starts_with("error|"))
                .map(|g| g.count)
                .sum::<u32>(),
            3
        );
        assert_eq!(
            errors.matching_groups.iter().map(|g| g.count).sum::<u32>(),
            errors.matching
        );
        assert_eq!(page.matching, 17);
        assert_eq!(all.rows[0].subject_label, "100 calls a week");
        assert_eq!(all.rows[0].related_labels, vec!["Win rate 30%"]);
    }

    /// A row names its goal's owner and setter, and its related items in the rule's words:
    /// "100 calls a week" is Ali Hassan's, set by the Executive team, and pulls against
    /// Sales' "Win rate 30%"; its imposed-goal row does not name the setter twice.
    #[test]
    fn rows_name_the_owner_and_the_setter() {
        let org = Org::new(setup().into());
        let report = throughline_core::analysis::run(
            &org,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        );
        let all = findings_page(&org, &report, &FindingFilter::default());
        let calls = |rule: &str| {
            all.rows
                .iter()
                .find(|r| r.finding.rule == rule && r.finding.subject == "rep1-calls")
                .unwrap_or_else(|| panic!("{rule} on rep1-calls"))
        };
        let conflict = calls("conflicting-goals");
        assert_eq!(
            conflict.owner_label.as_deref(),
            Some("Ali Hassan, Sales North")
        );
        assert_eq!(conflict.setter_label.as_deref(), Some("Executive team"));
        assert_eq!(
            conflict.related_text.as_deref(),
            Some("pulls against Win rate 30% (Sales)")
        );
        let imposed = calls("imposed-goal");
        assert_eq!(imposed.setter_label.as_deref(), Some("Executive team"));
        assert_eq!(imposed.related_text, None, "the setter is named once");
        // Every finding about a goal names its owner, about a person their unit; a goal its
        // owner set names no setter.
        for r in &all.rows {
            let goal = org.goal_index(&r.finding.subject);
            let person = org.person_index(&r.finding.subject);
            assert_eq!(
                r.owner_label.is_some(),
                goal.is_some() || person.is_some(),
                "{}",
                r.finding.subject
            );
            if let Some(g) = goal {
                let g = g as usize;
                assert_eq!(
                    r.setter_label.is_some(),
                    org.goal_setter[g] != org.goal_owner[g]
                );
            }
        }
    }

    /// At 2,000 people (the generator's tidy organisation), rows with one title are told
    /// apart by what they show: two rows of a rule read the same only for namesakes (two
    /// people of one name in one unit, or their goals).
    #[test]
    fn rows_of_a_large_organisation_read_differently() {
        let opts = throughline_core::gen::GenOptions::new(2_000, 7);
        let org = Org::new(throughline_core::gen::generate(&opts).into());
        let report = throughline_core::analysis::run(&org, opts.as_of);
        let page = findings_page(
            &org,
            &report,
            &FindingFilter {
                limit: Some(100_000),
                ..Default::default()
            },
        );
        assert!(page.rows.len() > 500, "{} rows", page.rows.len());
        // The person a subject is about: the person itself, or a goal's owner.
        let person_of = |id: &str| match org.goal_index(id) {
            Some(g) => match org.goal_owner[g as usize] {
                Party::Person(p) => Some(p),
                Party::Unit(_) => None,
            },
            None => org.person_index(id),
        };
        let mut seen = std::collections::HashMap::new();
        let mut namesakes = 0;
        for r in &page.rows {
            let shown = (
                &r.finding.rule,
                &r.subject_label,
                &r.owner_label,
                &r.setter_label,
                &r.related_text,
            );
            if let Some(other) = seen.insert(shown, &r.finding) {
                let (a, b) = (person_of(&other.subject), person_of(&r.finding.subject));
                let (Some(a), Some(b)) = (a, b) else {
                    panic!("two rows read {shown:?}: {other:?}, {:?}", r.finding)
                };
                let people = &org.map.people;
                assert!(
                    a != b && people[a as usize].name == people[b as usize].name,
                    "two rows read {shown:?}: {other:?}, {:?}",
                    r.finding
                );
                namesakes += 1;
            }
        }
        assert!(namesakes < page.rows.len() / 50, "{namesakes} namesakes");
    }
}
