//! The workspace file: round trips, edits, undo/redo, snapshots, locking, bad files,
//! backups, disk full, and a crash test that SIGKILLs a writer at random moments.

use crate::util::*;
use proptest::prelude::*;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};
use throughline_core::agreement::AgreementInput;
use throughline_core::format::{read_map, write_map};
use throughline_core::gen::{generate, GenOptions};
use throughline_core::model::*;
use throughline_store::{Edit, Options, StoreError, Workspace};

fn load(name: &str) -> Map {
    read_map(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

fn sample() -> Map {
    let text = std::fs::read_to_string(repo_dir().join("examples/northwind.json")).unwrap();
    read_map(&text).unwrap()
}

fn new_ws(dir: &tempfile::TempDir, map: &Map) -> (PathBuf, Workspace) {
    let path = dir.path().join("org.throughline");
    let ws = Workspace::create(&path, map, false, Options::default()).unwrap();
    (path, ws)
}

fn goal(id: &str, owner: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        title: format!("Goal {id}"),
        level: None,
        owner: owner.into(),
        set_by: None,
        measure: None,
        target: None,
        due: None,
        status: None,
        supports: (!supports.is_empty()).then(|| supports.iter().map(|s| s.to_string()).collect()),
        values: None,
    }
}

/// Import then export gives the same document, up to key order.
fn assert_round_trip(map: &Map) {
    let dir = tempfile::tempdir().unwrap();
    let (path, ws) = new_ws(&dir, map);
    assert_eq!(ws.map(), map);
    drop(ws);
    let back = throughline_store::read_map_from(&path).unwrap();
    assert_eq!(&back, map);
    let a: serde_json::Value = serde_json::from_str(&write_map(map)).unwrap();
    let b: serde_json::Value = serde_json::from_str(&write_map(&back)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn round_trip_is_lossless_on_the_fixture_and_the_sample() {
    assert_round_trip(&load("acme.json"));
    assert_round_trip(&sample());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn round_trip_is_lossless_on_generated_maps(people in 0usize..80, seed in any::<u64>()) {
        assert_round_trip(&generate(&GenOptions::new(people, seed)));
    }
}

#[test]
fn cli_import_export_round_trip_and_check_gives_identical_findings() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("acme.throughline");
    let json = fixture("acme.json");
    let out = throughline(&["import", json.to_str().unwrap(), "-o", ws.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a = throughline(&["check", json.to_str().unwrap(), "--format", "json"]);
    let b = throughline(&["check", ws.to_str().unwrap(), "--format", "json"]);
    assert_eq!(a.status.code(), b.status.code());
    assert_eq!(
        stdout(&a),
        stdout(&b),
        "same findings from the map and the workspace"
    );
    let text_a = throughline(&["check", json.to_str().unwrap()]);
    let text_b = throughline(&["check", ws.to_str().unwrap()]);
    assert_eq!(stdout(&text_a), stdout(&text_b));

    let exported = dir.path().join("out.json");
    let out = throughline(&[
        "export",
        ws.to_str().unwrap(),
        "-o",
        exported.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    assert_eq!(original, back);

    // Refuses to overwrite without --force, and with it replaces.
    let out = throughline(&["import", json.to_str().unwrap(), "-o", ws.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists") && stderr(&out).contains("--force"));
    let out = throughline(&[
        "import",
        json.to_str().unwrap(),
        "-o",
        ws.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn cli_import_of_an_invalid_map_lists_problems_and_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"format": "throughline/1", "organisation": {"name": "X"},
            "goals": [{"id": "g", "title": "G", "owner": "nobody", "colour": "red"}]}"#,
    )
    .unwrap();
    let ws = dir.path().join("x.throughline");
    let out = throughline(&["import", bad.to_str().unwrap(), "-o", ws.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("goals[0].colour: unknown field"), "{err}");
    assert!(
        err.contains("goals[0].owner: no person or unit \"nobody\""),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left,
        vec![std::ffi::OsString::from("bad.json")],
        "no file created"
    );
}

#[test]
fn edits_are_validated_and_refusals_explain_why() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir, &load("acme.json"));
    // Dangling and wrong-kind references, in the map format's words.
    let err = ws
        .apply(&Edit::CreateGoal {
            goal: goal("new", "p-x", &["grow"]),
        })
        .unwrap_err();
    assert_eq!(err.code(), "invalid_map");
    assert!(
        err.to_string()
            .contains("goal \"new\".owner: no person or unit \"p-x\""),
        "{err}"
    );
    let err = ws
        .apply(&Edit::CreateGoal {
            goal: goal("new", "revenue", &[]),
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("\"revenue\" is a measure, not a person or a unit"),
        "{err}"
    );
    // Duplicate id across kinds.
    let err = ws
        .apply(&Edit::CreateGoal {
            goal: goal("rep1", "rep1", &[]),
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot create a goal \"rep1\": the id is already used by a person"),
        "{err}"
    );
    // Put only changes what exists: it never creates, so it never replaces by accident.
    let err = ws
        .apply(&Edit::PutGoal {
            goal: goal("no-such-goal", "rep1", &[]),
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("there is no goal \"no-such-goal\" to change"),
        "{err}"
    );
    // Create gives a readable id, unique across kinds, from the title.
    let mut g = goal("", "rep1", &[]);
    g.title = "Win rate 30%".into();
    let made = ws
        .apply_edit(&Edit::CreateGoal { goal: g.clone() })
        .unwrap();
    assert_eq!(made.created.as_deref(), Some("g-win-rate-30"));
    let again = ws.apply_edit(&Edit::CreateGoal { goal: g }).unwrap();
    assert_eq!(again.created.as_deref(), Some("g-win-rate-30-2"));
    let mut p = ws.map().people[0].clone();
    p.id = String::new();
    p.name = "Zoë Ångström".into();
    let made = ws.apply_edit(&Edit::CreatePerson { person: p }).unwrap();
    assert_eq!(made.created.as_deref(), Some("p-zoe-angstrom"));
    ws.undo().unwrap();
    ws.undo().unwrap();
    ws.undo().unwrap();
    // A supports cycle through a chain is refused, naming the chain.
    let err = ws
        .apply(&Edit::LinkSupport {
            goal: "grow".into(),
            supports: "rep1-revenue".into(),
        })
        .unwrap_err();
    assert_eq!(err.code(), "refused");
    let msg = err.to_string();
    assert!(msg.contains("support itself"), "{msg}");
    assert!(
        msg.contains("“Grow revenue 25%” → “EUR 1.2M revenue” → “Sales delivers EUR 8M” → “Grow revenue 25%”"),
        "{msg}"
    );
    // A goal supporting itself directly.
    let err = ws
        .apply(&Edit::LinkSupport {
            goal: "grow".into(),
            supports: "grow".into(),
        })
        .unwrap_err();
    assert!(err.to_string().contains("support itself"), "{err}");
    // Deleting a person who still owns goals is refused with the reason.
    let err = ws
        .apply(&Edit::DeletePerson { id: "rep1".into() })
        .unwrap_err();
    assert!(err.to_string().starts_with("Ali Hassan is still"), "{err}");
    // Manager cycles.
    let mut ceo = ws
        .map()
        .people
        .iter()
        .find(|p| p.id == "ceo")
        .unwrap()
        .clone();
    ceo.manager = Some("rep1".into());
    let err = ws.apply(&Edit::PutPerson { person: ceo }).unwrap_err();
    assert!(
        err.to_string()
            .contains("cycle in managers: ceo -> rep1 -> cso -> ceo"),
        "{err}"
    );
    // Nothing above changed the map.
    assert_eq!(ws.map(), &load("acme.json"));
}

#[test]
fn goals_inside_an_imported_cycle_stay_editable_but_no_new_cycle_is_made() {
    let mut map = load("acme.json");
    for g in &mut map.goals {
        if g.id == "sales-revenue" {
            g.supports = Some(vec!["grow".into(), "cso-revenue".into()]); // cso-revenue -> sales-revenue -> cso-revenue
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir, &map);
    let mut renamed = ws
        .map()
        .goals
        .iter()
        .find(|g| g.id == "cso-revenue")
        .unwrap()
        .clone();
    renamed.title = "Deliver EUR 8.5M".into();
    ws.apply(&Edit::PutGoal {
        goal: renamed.clone(),
    })
    .expect("editing a goal that is already in a cycle is allowed");
    ws.apply(&Edit::LinkValue {
        goal: "cso-revenue".into(),
        value: "growth".into(),
    })
    .expect("linking a value to it too");
    let mut looped = renamed;
    looped.supports = Some(vec!["sales-revenue".into(), "rep1-revenue".into()]);
    let err = ws.apply(&Edit::PutGoal { goal: looped }).unwrap_err();
    assert_eq!(
        err.code(),
        "refused",
        "a new link that closes a cycle is still refused: {err}"
    );
}

#[test]
fn link_edits_refuse_what_is_already_so_and_name_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir, &load("acme.json"));
    let refusal = |ws: &mut Workspace, e: Edit| ws.apply(&e).unwrap_err().to_string();
    let title = ws
        .map()
        .goals
        .iter()
        .find(|g| g.id == "rep1-revenue")
        .unwrap()
        .title
        .clone();
    let link = |supports: &str| Edit::LinkSupport {
        goal: "rep1-revenue".into(),
        supports: supports.into(),
    };
    let unlink = |supports: &str| Edit::UnlinkSupport {
        goal: "rep1-revenue".into(),
        supports: supports.into(),
    };
    let value = |link: bool| {
        let (goal, value) = ("rep1-revenue".to_string(), "growth".to_string());
        if link {
            Edit::LinkValue { goal, value }
        } else {
            Edit::UnlinkValue { goal, value }
        }
    };
    // Link, then linking again is refused; unlink, then unlinking again is refused.
    ws.apply(&link("grow")).expect("a new link");
    assert!(refusal(&mut ws, link("grow"))
        .contains(&format!("goal “{title}” already supports \"grow\"")));
    ws.apply(&unlink("grow")).expect("removing it");
    assert!(refusal(&mut ws, unlink("grow"))
        .contains(&format!("goal “{title}” does not support \"grow\"")));
    ws.apply(&value(true)).expect("a value");
    assert!(refusal(&mut ws, value(true))
        .contains(&format!("goal “{title}” is already linked to \"growth\"")));
    ws.apply(&value(false)).expect("removing it");
    assert!(refusal(&mut ws, value(false))
        .contains(&format!("goal “{title}” is not linked to \"growth\"")));
    // Four edits and their undo bring the goal back exactly.
    for _ in 0..4 {
        ws.undo().unwrap();
    }
    assert_eq!(ws.map(), &load("acme.json"));
}

#[test]
fn fixing_a_finding_then_undo_and_redo_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let orphaned = |m: &Map| {
        throughline_core::analyse(m, as_of)
            .findings
            .iter()
            .filter(|f| f.rule == "orphaned-goal")
            .map(|f| f.subject.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(orphaned(ws.map()), vec!["forecast-95", "rep1-calls"]);
    let label = ws
        .apply(&Edit::LinkSupport {
            goal: "forecast-95".into(),
            supports: "sales-revenue".into(),
        })
        .unwrap();
    assert_eq!(
        label,
        "Link “Forecast accuracy 95%” to “Sales delivers EUR 8M”"
    );
    assert_eq!(orphaned(ws.map()), vec!["rep1-calls"]);
    drop(ws);

    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(orphaned(ws.map()), vec!["rep1-calls"], "the edit was saved");
    assert_eq!(ws.history().unwrap().undo.as_deref(), Some(label.as_str()));
    assert_eq!(ws.undo().unwrap(), label);
    assert_eq!(orphaned(ws.map()), vec!["forecast-95", "rep1-calls"]);
    assert_eq!(ws.map(), &load("acme.json"), "undo restores the exact map");
    drop(ws);

    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.map(), &load("acme.json"), "the undo was saved");
    assert_eq!(ws.history().unwrap().redo.as_deref(), Some(label.as_str()));
    ws.redo().unwrap();
    assert_eq!(orphaned(ws.map()), vec!["rep1-calls"]);
    assert!(matches!(ws.redo(), Err(StoreError::NothingTo("redo"))));
}

/// Edits made as one (`Edit::Batch`): a measure, its trade-off and a goal on it, each
/// planned against what the ones before made; one undo step that survives reopening; and
/// a batch with one refused edit changes nothing, in memory or in the file.
#[test]
fn edits_made_as_one_are_one_step_and_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let acme = load("acme.json");
    let (path, mut ws) = new_ws(&dir, &acme);
    let before_history = ws.history().unwrap();
    let guard = Measure {
        id: "lead-acceptance".into(),
        name: "Lead acceptance rate".into(),
        unit: None,
        kind: MeasureKind::Quality,
        direction: None,
        leading: None,
    };
    let volume = acme.goals.iter().find(|g| g.id == "mkt-leads").unwrap();
    let mut guarded = goal("", "marketing", &[]);
    guarded.title = "Lead acceptance rate".into();
    guarded.measure = Some("lead-acceptance".into());
    let batch = |edits: Vec<Edit>| Edit::Batch {
        label: "Give Marketing a goal on “Lead acceptance rate”".into(),
        edits,
    };
    let good = batch(vec![
        Edit::CreateMeasure {
            measure: guard.clone(),
        },
        Edit::AddInteraction {
            interaction: Interaction {
                from: "lead-acceptance".into(),
                to: volume.measure.clone().unwrap(),
                effect: Effect::Guards,
                note: None,
            },
        },
        Edit::CreateGoal {
            goal: guarded.clone(),
        },
    ]);
    let applied = ws.apply_edit(&good).unwrap();
    assert_eq!(
        applied.label,
        "Give Marketing a goal on “Lead acceptance rate”"
    );
    let new_goal = applied.created.expect("the goal's new id");
    let after = ws.map().clone();
    assert!(after.measures.iter().any(|m| m.id == "lead-acceptance"));
    assert!(after
        .goals
        .iter()
        .any(|g| g.id == new_goal && g.measure.as_deref() == Some("lead-acceptance")));
    assert_eq!(after.interactions.len(), acme.interactions.len() + 1);
    match ws.last_touched() {
        throughline_store::Touched::Entities(ids) => {
            assert!(
                ids.contains(&"lead-acceptance".to_string()) && ids.contains(&new_goal),
                "{ids:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    drop(ws);

    // One step, kept in the file: undo takes all three back, redo brings them again.
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.map(), &after);
    assert_eq!(
        ws.history().unwrap().undo.as_deref(),
        Some(applied.label.as_str())
    );
    ws.undo().unwrap();
    assert_eq!(ws.map(), &acme, "one undo takes the whole batch back");
    assert_eq!(ws.history().unwrap().undo, before_history.undo);
    ws.redo().unwrap();
    assert_eq!(ws.map(), &after);
    ws.undo().unwrap();

    // The last edit refers to a measure nobody made: refused whole, nothing written.
    let mut dangling = guarded.clone();
    dangling.measure = Some("no-such-measure".into());
    let bad = batch(vec![
        Edit::CreateMeasure { measure: guard },
        Edit::CreateGoal { goal: dangling },
    ]);
    let e = ws.apply_edit(&bad).unwrap_err();
    assert!(e.to_string().contains("no-such-measure"), "{e}");
    assert_eq!(ws.map(), &acme, "the first edit was rolled back too");
    assert_eq!(ws.history().unwrap().undo, before_history.undo);
    drop(ws);
    let ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.map(), &acme);
    drop(ws);

    // Two edits of one goal: undo restores it as it was before the first.
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    let original = acme
        .goals
        .iter()
        .find(|g| g.id == "rep1-calls")
        .unwrap()
        .clone();
    let mut first = original.clone();
    first.title = "90 calls a week".into();
    let mut second = original.clone();
    second.title = "80 calls a week".into();
    ws.apply_edit(&batch(vec![
        Edit::PutGoal { goal: first },
        Edit::PutGoal { goal: second },
    ]))
    .unwrap();
    assert_eq!(
        ws.map()
            .goals
            .iter()
            .find(|g| g.id == "rep1-calls")
            .unwrap()
            .title,
        "80 calls a week"
    );
    ws.undo().unwrap();
    assert_eq!(ws.map(), &acme, "undone in reverse order");
    drop(ws);

    // An empty batch is refused by name; one inside another (a one-click fix kept with a
    // draft) is made as part of it, in order.
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert!(ws
        .apply_edit(&batch(vec![]))
        .unwrap_err()
        .to_string()
        .contains("has no edits"));
    let mut agreed = original.clone();
    agreed.status = Some(Status::Agreed);
    let nested = batch(vec![
        batch(vec![Edit::PutGoal {
            goal: agreed.clone(),
        }]),
        Edit::LinkSupport {
            goal: "forecast-95".into(),
            supports: "sales-revenue".into(),
        },
    ]);
    ws.apply_edit(&nested).unwrap();
    let after = ws.map().clone();
    assert_eq!(
        after.goals.iter().find(|g| g.id == "rep1-calls").unwrap(),
        &agreed
    );
    assert!(after
        .goals
        .iter()
        .any(|g| g.id == "forecast-95" && g.supports() == ["sales-revenue"]));
    ws.undo().unwrap();
    assert_eq!(ws.map(), &acme, "one step");
}

/// A draft whose edits include a one-click fix (itself edits made as one) keeps as one
/// edit: the fix's edits are made in their place.
#[test]
fn a_draft_holding_a_fix_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let acme = load("acme.json");
    let (_path, mut ws) = new_ws(&dir, &acme);
    let mut draft = ws.start_draft("Agree the calls").unwrap();
    let mut calls = acme
        .goals
        .iter()
        .find(|g| g.id == "rep1-calls")
        .unwrap()
        .clone();
    calls.set_by = Some("cso".into());
    draft
        .apply_edit(&Edit::Batch {
            label: "Have Hannah Cole set it (the owner's line)".into(),
            edits: vec![Edit::PutGoal {
                goal: calls.clone(),
            }],
        })
        .unwrap();
    ws.save_draft(&draft).unwrap();
    let drafted = draft.map().clone();
    let (applied, _) = ws.keep_draft(&draft, None).unwrap();
    assert_eq!(applied.label, "Keep the draft “Agree the calls”");
    assert_eq!(ws.map(), &drafted);
    ws.undo().unwrap();
    assert_eq!(ws.map(), &acme);
}

#[test]
fn every_kind_of_edit_round_trips_through_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    let start = ws.map().clone();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let edits = vec![
        Edit::SetOrganisation {
            name: "Acme Group".into(),
            focus_function: Some("marketing".into()),
        },
        Edit::SetSettings {
            settings: Some(Settings {
                stale_feedback_days: Some(14),
                ..Settings::default()
            }),
        },
        Edit::CreateUnit {
            unit: Unit {
                id: "sales-south".into(),
                name: "Sales South".into(),
                kind: UnitKind::Team,
                parent: Some("sales".into()),
            },
        },
        Edit::CreatePerson {
            person: Person {
                id: "rep3".into(),
                name: "Omar Khan".into(),
                unit: "sales-south".into(),
                role: None,
                manager: Some("cso".into()),
                email: None,
            },
        },
        Edit::CreateValue {
            value: Value {
                id: "care".into(),
                name: "Care".into(),
                description: None,
                behaviours: Some(vec![Behaviour {
                    id: "listen".into(),
                    name: "Listen first".into(),
                }]),
            },
        },
        Edit::CreateMeasure {
            measure: Measure {
                id: "nps".into(),
                name: "NPS".into(),
                unit: None,
                kind: MeasureKind::Quality,
                direction: None,
                leading: Some(true),
            },
        },
        Edit::AddInteraction {
            interaction: Interaction {
                from: "nps".into(),
                to: "revenue".into(),
                effect: Effect::Supports,
                note: None,
            },
        },
        Edit::CreateGoal {
            goal: goal("rep3-nps", "rep3", &["sales-revenue"]),
        },
        Edit::LinkValue {
            goal: "rep3-nps".into(),
            value: "listen".into(),
        },
        Edit::AddCheckIn {
            check_in: CheckIn {
                person: "rep3".into(),
                with: Some("cso".into()),
                date: today,
                kind: None,
                notes: Some("first 1:1".into()),
            },
        },
        Edit::UpdateCheckIn {
            index: 0,
            check_in: CheckIn {
                person: "rep1".into(),
                with: None,
                date: today,
                kind: Some(CheckInKind::Feedback),
                notes: None,
            },
        },
        Edit::UnlinkSupport {
            goal: "rep1-revenue".into(),
            supports: "sales-revenue".into(),
        },
        Edit::DeleteGoal {
            id: "sales-revenue".into(),
        },
        Edit::DeleteInteraction { index: 0 },
        Edit::UpdateInteraction {
            index: 0,
            interaction: Interaction {
                from: "leads".into(),
                to: "pipeline".into(),
                effect: Effect::Guards,
                note: Some("n".into()),
            },
        },
        Edit::DeleteCheckIn { index: 1 },
        Edit::DeleteValue {
            id: "growth".into(),
        },
    ];
    let mut states = vec![start.clone()];
    for e in &edits {
        ws.apply(e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
        let problems = throughline_core::validate::validate(ws.map());
        assert!(
            problems.is_empty(),
            "{e:?} left an invalid map: {problems:?}"
        );
        states.push(ws.map().clone());
    }
    // Deleting a goal unlinked the goals that supported it.
    assert!(ws
        .map()
        .goals
        .iter()
        .all(|g| !g.supports().contains(&"sales-revenue".to_string())));
    drop(ws);
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(
        ws.map(),
        states.last().unwrap(),
        "reopened state = last state"
    );
    for expected in states.iter().rev().skip(1) {
        ws.undo().unwrap();
        assert_eq!(ws.map(), expected);
    }
    assert!(matches!(ws.undo(), Err(StoreError::NothingTo("undo"))));
    for expected in states.iter().skip(1) {
        ws.redo().unwrap();
        assert_eq!(ws.map(), expected);
    }
    drop(ws);
    let ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.map(), states.last().unwrap());
}

#[test]
fn history_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.throughline");
    let opts = Options {
        history_limit: 3,
        ..Options::default()
    };
    let mut ws = Workspace::create(&path, &load("acme.json"), false, opts).unwrap();
    for i in 0..6 {
        ws.apply(&Edit::CreateGoal {
            goal: goal(&format!("h{i}"), "rep1", &[]),
        })
        .unwrap();
    }
    for _ in 0..3 {
        ws.undo().unwrap();
    }
    assert!(matches!(ws.undo(), Err(StoreError::NothingTo("undo"))));
    assert_eq!(ws.map().goals.len(), load("acme.json").goals.len() + 3);
}

#[test]
fn snapshots_save_list_restore_undo_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    let before = ws.map().clone();
    let id = ws.save_snapshot("Before the workshop").unwrap();
    ws.apply(&Edit::DeleteGoal {
        id: "rep1-calls".into(),
    })
    .unwrap();
    ws.apply(&Edit::LinkSupport {
        goal: "forecast-95".into(),
        supports: "sales-revenue".into(),
    })
    .unwrap();
    let after = ws.map().clone();
    assert_eq!(ws.snapshot_map(id).unwrap(), before);
    let label = ws.restore_snapshot(id).unwrap();
    assert_eq!(label, "Restore snapshot “Before the workshop”");
    assert_eq!(ws.map(), &before);
    ws.undo().unwrap();
    assert_eq!(ws.map(), &after, "restoring is undoable");
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(ws.map(), &before, "older edits undo through a restore");
    ws.redo().unwrap();
    ws.redo().unwrap();
    ws.redo().unwrap();
    assert_eq!(ws.map(), &before);
    let list = ws.snapshots().unwrap();
    assert_eq!(list[0].name, "Before the workshop");
    assert!(!list[0].auto);
    assert!(list
        .iter()
        .any(|s| s.auto && s.name.starts_with("Before restoring")));
    assert!(matches!(
        ws.restore_snapshot(999),
        Err(StoreError::NoSnapshot(999))
    ));
    drop(ws);
    // Export a snapshot from the CLI.
    let out_path = dir.path().join("snap.json");
    let out = throughline(&[
        "export",
        path.to_str().unwrap(),
        "-o",
        out_path.to_str().unwrap(),
        "--snapshot",
        &id.to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let exported = read_map(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(exported, before);
    let out = throughline(&["snapshots", path.to_str().unwrap()]);
    assert!(stdout(&out).contains("Before the workshop"));
}

#[test]
fn named_snapshots_can_be_deleted_automatic_ones_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    let kept = ws.save_snapshot("Keep me").unwrap();
    let gone = ws.save_snapshot("Before the workshop").unwrap();
    ws.apply(&Edit::DeleteGoal {
        id: "rep1-calls".into(),
    })
    .unwrap();
    let history = ws.history().unwrap();
    let label = ws.delete_snapshot(gone).unwrap();
    assert_eq!(label, "Deleted snapshot “Before the workshop”");
    let names: Vec<String> = ws
        .snapshots()
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Keep me"]);
    assert!(matches!(
        ws.delete_snapshot(gone),
        Err(StoreError::NoSnapshot(_))
    ));
    // Deleting a snapshot is not an edit: the history is as it was.
    assert_eq!(ws.history().unwrap(), history);
    // A restore makes an automatic snapshot ("Before restoring …"): refused, saying why.
    ws.restore_snapshot(kept).unwrap();
    let auto = ws
        .snapshots()
        .unwrap()
        .into_iter()
        .find(|s| s.auto)
        .unwrap();
    let err = ws.delete_snapshot(auto.id).unwrap_err();
    assert_eq!(err.code(), "refused");
    assert!(err.to_string().contains("automatic"), "{err}");
    assert!(ws.snapshots().unwrap().iter().any(|s| s.id == auto.id));
    // A named snapshot the undo history still needs (the restore of it, for redo) is no
    // longer listed as named, and undo and redo still work through it.
    let after_restore = ws.map().clone();
    ws.delete_snapshot(kept).unwrap();
    assert!(!ws.snapshots().unwrap().iter().any(|s| !s.auto));
    ws.undo().unwrap();
    ws.redo().unwrap();
    assert_eq!(ws.map(), &after_restore);
    // It stays deleted across reopening; a read-only workspace refuses.
    drop(ws);
    let ws = Workspace::open(&path, Options::default()).unwrap();
    assert!(!ws.snapshots().unwrap().iter().any(|s| !s.auto));
    drop(ws);
    let mut ro = Workspace::open(&path, Options::read_only()).unwrap();
    let any = ro.snapshots().unwrap()[0].id;
    assert!(matches!(ro.delete_snapshot(any), Err(StoreError::ReadOnly)));
}

#[test]
fn a_second_writer_is_refused_and_read_only_stays_possible() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ws) = new_ws(&dir, &load("acme.json"));
    let err = Workspace::open(&path, Options::default()).unwrap_err();
    assert_eq!(err.code(), "locked");
    assert!(err.to_string().contains(path.to_str().unwrap()), "{err}");
    let mut ro = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(ro.map(), ws.map());
    assert!(matches!(
        ro.apply(&Edit::DeleteGoal { id: "grow".into() }),
        Err(StoreError::ReadOnly)
    ));
    // The CLI can still check it while it is open.
    let out = throughline(&["check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    drop(ws);
    Workspace::open(&path, Options::default()).expect("the lock goes with the workspace");
}

/// The child side of the multi-process tests: opens the workspace named by
/// `THROUGHLINE_CHILD_FILE` and, with `THROUGHLINE_CHILD_MODE=edit`, keeps editing and
/// printing each committed edit; with `hold`, prints "open" and waits to be killed.
#[test]
#[ignore = "run as a child process by other tests"]
fn child_process() {
    let Ok(file) = std::env::var("THROUGHLINE_CHILD_FILE") else {
        return;
    };
    let mut ws = Workspace::open(&file, Options::default()).expect("child opens");
    let mode = std::env::var("THROUGHLINE_CHILD_MODE").unwrap_or_default();
    let start: usize = std::env::var("THROUGHLINE_CHILD_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    use std::io::Write;
    let mut out = std::io::stdout();
    // The test harness has printed "test ... " without a newline: start on a fresh line.
    writeln!(out).unwrap();
    if mode == "hold" {
        writeln!(out, "open").unwrap();
        out.flush().unwrap();
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    for i in start.. {
        let id = format!("crash-{i}");
        let edit = if i % 5 == 4 {
            Edit::LinkSupport {
                goal: format!("crash-{}", i - 1),
                supports: "grow".into(),
            }
        } else {
            Edit::CreateGoal {
                goal: goal(&id, "rep1", &["sales-revenue"]),
            }
        };
        ws.apply(&edit).expect("edit");
        writeln!(out, "committed {i}").unwrap();
        out.flush().unwrap();
        if mode == "edit-paced" {
            // A person's pace, more or less: keeps the map small over many rounds.
            std::thread::sleep(Duration::from_millis(3));
        }
    }
}

fn spawn_child(file: &Path, mode: &str, start: usize) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "store::child_process",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("THROUGHLINE_CHILD_FILE", file)
        .env("THROUGHLINE_CHILD_MODE", mode)
        .env("THROUGHLINE_CHILD_START", start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child")
}

#[test]
fn a_second_process_is_refused_and_its_lock_dies_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ws) = new_ws(&dir, &load("acme.json"));
    drop(ws);
    let mut child = spawn_child(&path, "hold", 0);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        let line = lines.next().expect("child output").unwrap();
        if line == "open" {
            break;
        }
    }
    let err = Workspace::open(&path, Options::default()).unwrap_err();
    assert_eq!(err.code(), "locked", "{err}");
    Workspace::open(&path, Options::read_only()).expect("read-only open while locked");
    child.kill().unwrap();
    child.wait().unwrap();
    Workspace::open(&path, Options::default()).expect("no stale lock after the process died");
}

#[test]
fn crash_test_sigkill_never_loses_a_committed_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (path, ws) = new_ws(&dir, &load("acme.json"));
    drop(ws);
    let mut next = 0usize;
    let mut acknowledged = 0usize;
    let mut rng = 0x2545_F491_4F6C_DD1Du64;
    for round in 0..50 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        let mut child = spawn_child(&path, "edit", next);
        let stdout = child.stdout.take().unwrap();
        // The kill lands at a random moment after the writer's first commit: on a loaded
        // machine a fixed delay could end a round before the child wrote anything.
        let (first, got_first) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut first = Some(first);
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| {
                    l.strip_prefix("committed ")
                        .and_then(|n| n.parse::<usize>().ok())
                })
                .inspect(|_| {
                    if let Some(tx) = first.take() {
                        let _ = tx.send(());
                    }
                })
                .collect::<Vec<usize>>()
        });
        let _ = got_first.recv_timeout(Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(5 + rng % 60));
        child.kill().unwrap();
        child.wait().unwrap();
        let committed = reader.join().unwrap();
        acknowledged += committed.len();
        let ws = Workspace::open(&path, Options::default())
            .unwrap_or_else(|e| panic!("round {round}: reopen failed: {e}"));
        let check: String = ws
            .connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        for i in &committed {
            let id = format!("crash-{}", if i % 5 == 4 { i - 1 } else { *i });
            let g = ws.map().goals.iter().find(|g| g.id == id);
            assert!(g.is_some(), "round {round}: committed edit {i} lost");
            if i % 5 == 4 {
                assert!(
                    g.unwrap().supports().contains(&"grow".to_string()),
                    "round {round}: link {i} lost"
                );
            }
        }
        assert!(throughline_core::validate::validate(ws.map()).is_empty());
        // Continue numbering after everything that is in the file.
        next = ws
            .map()
            .goals
            .iter()
            .filter_map(|g| g.id.strip_prefix("crash-")?.parse::<usize>().ok())
            .max()
            .map_or(next, |m| m + 1);
        next += 5 - next % 5;
    }
    // The writer really wrote (a child that fails at once would make every round pass).
    assert!(
        acknowledged > 50,
        "only {acknowledged} edits acknowledged in 50 rounds"
    );
}

fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().to_string(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn bad_files_get_their_own_errors_and_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("notes.throughline"),
        "these are my notes, not a database",
    )
    .unwrap();
    std::fs::write(d.join("empty.throughline"), "").unwrap();
    {
        let c = rusqlite::Connection::open(d.join("other.throughline")).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    {
        let ws = Workspace::create(
            d.join("newer.throughline"),
            &load("acme.json"),
            false,
            Options::default(),
        )
        .unwrap();
        drop(ws);
        let c = rusqlite::Connection::open(d.join("newer.throughline")).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    {
        let ws = Workspace::create(
            d.join("broken.throughline"),
            &sample(),
            false,
            Options::default(),
        )
        .unwrap();
        drop(ws);
        // Scribble over the middle of the file: pages of tables and indexes.
        let p = d.join("broken.throughline");
        let mut bytes = std::fs::read(&p).unwrap();
        let n = bytes.len();
        for b in &mut bytes[n / 3..n / 3 + 3000] {
            *b = 0x5A;
        }
        std::fs::write(&p, bytes).unwrap();
    }
    let before = snapshot_dir(d);
    let cases = [
        ("notes.throughline", "not_sqlite"),
        ("empty.throughline", "empty_file"),
        ("other.throughline", "not_workspace"),
        ("newer.throughline", "too_new"),
        ("broken.throughline", "corrupt"),
        ("missing.throughline", "not_found"),
    ];
    for (name, code) in cases {
        for opts in [Options::default(), Options::read_only()] {
            let err = Workspace::open(d.join(name), opts).unwrap_err();
            assert_eq!(err.code(), code, "{name}: {err}");
            assert!(
                err.to_string().contains(name),
                "{name}: message names the file: {err}"
            );
        }
        let out = throughline(&["check", d.join(name).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
    }
    assert_eq!(snapshot_dir(d), before, "no file was modified or created");
}

#[test]
fn disk_full_leaves_the_file_and_the_map_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    let before = ws.map().clone();
    // Emulate a full disk: the database may not grow past its current size.
    let pages: i64 = ws
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    ws.connection()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let mut big = goal("big", "rep1", &[]);
    big.title = "x".repeat(200_000);
    let err = ws.apply(&Edit::CreateGoal { goal: big }).unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(err.to_string().contains("org.throughline"), "{err}");
    assert_eq!(
        ws.map(),
        &before,
        "memory matches the file after the failure"
    );
    drop(ws);
    assert_eq!(throughline_store::read_map_from(&path).unwrap(), before);
}

#[test]
fn an_unwritable_folder_is_a_clear_error_and_leaves_nothing() {
    // /sys refuses new files even to root; a read-only folder does the same to others.
    let target = Path::new("/sys/throughline-test.throughline");
    let err = Workspace::create(target, &load("acme.json"), false, Options::default()).unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(
        err.to_string()
            .starts_with("cannot write /sys/throughline-test.throughline"),
        "{err}"
    );
    assert!(!target.exists());
}

static FAKE_NOW: AtomicU64 = AtomicU64::new(1_800_000_000);

fn fake_now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(FAKE_NOW.load(Ordering::SeqCst))
}

#[test]
fn backups_roll_every_thirty_minutes_of_editing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("org.throughline");
    let opts = Options {
        now: fake_now,
        backups_kept: 3,
        ..Options::default()
    };
    let mut ws = Workspace::create(&path, &load("acme.json"), false, opts).unwrap();
    let backups = || -> Vec<PathBuf> {
        let d = throughline_store::backup_dir(&path);
        let mut v: Vec<PathBuf> = std::fs::read_dir(&d)
            .map(|r| r.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    ws.apply(&Edit::CreateGoal {
        goal: goal("b0", "rep1", &[]),
    })
    .unwrap();
    assert_eq!(backups().len(), 1, "the first edit makes a backup");
    FAKE_NOW.fetch_add(10 * 60, Ordering::SeqCst);
    ws.apply(&Edit::CreateGoal {
        goal: goal("b1", "rep1", &[]),
    })
    .unwrap();
    assert_eq!(backups().len(), 1, "not again within 30 minutes");
    for i in 2..7 {
        FAKE_NOW.fetch_add(31 * 60, Ordering::SeqCst);
        ws.apply(&Edit::CreateGoal {
            goal: goal(&format!("b{i}"), "rep1", &[]),
        })
        .unwrap();
    }
    let list = backups();
    assert_eq!(list.len(), 3, "rolling: only the newest are kept: {list:?}");
    // A backup is a complete workspace holding the map as of that edit.
    let newest = Workspace::open(list.last().unwrap(), Options::read_only()).unwrap();
    assert!(newest.map().goals.iter().any(|g| g.id == "b6"));
    assert!(ws.last_backup_error().is_none());
}

/// Stop a process (SIGSTOP) or let it go on (SIGCONT).
#[cfg(unix)]
fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([sig, &pid.to_string()])
        .status()
        .expect("kill runs")
        .success();
    assert!(ok, "kill {sig} {pid}");
}

/// A power cut, or a sync tool copying an open workspace: while a writer commits edits,
/// freeze it at random moments (SIGSTOP), copy the file and its WAL as they are, let it go
/// on (SIGCONT) — 100 times. Every copy opens, passes `integrity_check`, and holds every
/// edit the writer had acknowledged before it was frozen.
#[test]
#[cfg(unix)]
fn power_cut_copies_open_and_hold_every_acknowledged_edit() {
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let (path, ws) = new_ws(&dir, &load("acme.json"));
    drop(ws);
    let mut child = spawn_child(&path, "edit-paced", 0);
    let acked: Arc<Mutex<Vec<usize>>> = Arc::default();
    let reader = {
        let acked = acked.clone();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("committed ").and_then(|n| n.parse().ok()) {
                    acked.lock().unwrap().push(n);
                }
            }
        })
    };
    let wal = |p: &Path| {
        let mut w = p.as_os_str().to_owned();
        w.push("-wal");
        PathBuf::from(w)
    };
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut checked = 0usize;
    for round in 0..100 {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_millis(2 + rng % 25));
        signal(child.id(), "-STOP");
        // What the writer said before it froze (give the reader a moment to drain the pipe).
        std::thread::sleep(Duration::from_millis(15));
        let before: Vec<usize> = acked.lock().unwrap().clone();
        let copy = dir.path().join(format!("copy-{round}.throughline"));
        std::fs::copy(&path, &copy).unwrap();
        if wal(&path).exists() {
            std::fs::copy(wal(&path), wal(&copy)).unwrap();
        }
        signal(child.id(), "-CONT");
        let ws = Workspace::open(&copy, Options::default())
            .unwrap_or_else(|e| panic!("round {round}: the copy does not open: {e}"));
        let check: String = ws
            .connection()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        let goals: std::collections::HashMap<&str, &Goal> =
            ws.map().goals.iter().map(|g| (g.id.as_str(), g)).collect();
        for i in &before {
            let id = format!("crash-{}", if i % 5 == 4 { i - 1 } else { *i });
            let g = goals.get(id.as_str());
            assert!(g.is_some(), "round {round}: acknowledged edit {i} missing");
            if i % 5 == 4 {
                assert!(
                    g.unwrap().supports().contains(&"grow".to_string()),
                    "round {round}: link {i} lost"
                );
            }
        }
        checked += before.len();
        if std::env::var_os("THROUGHLINE_TEST_VERBOSE").is_some() {
            eprintln!(
                "round {round}: {} acknowledged, {} goals",
                before.len(),
                ws.map().goals.len()
            );
        }
        drop(ws);
        throughline_store::files::clean_stale_temps(&copy);
        for p in [copy.clone(), wal(&copy)] {
            let _ = std::fs::remove_file(p);
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    assert!(
        acked.lock().unwrap().len() > 100,
        "the writer acknowledged only {} edits",
        acked.lock().unwrap().len()
    );
    assert!(checked > 0);
}

/// `acme-v2.throughline` was written by the build before people had an e-mail (schema 2).
/// Read-only, it opens as it is and stays byte for byte; for editing, it is backed up first
/// (`before-migration-v3`), migrated, and an e-mail then saves and reads back.
#[test]
fn a_schema_2_file_is_read_as_is_then_backed_up_and_migrated_for_editing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.throughline");
    std::fs::copy(fixture("acme-v2.throughline"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&path), 2);

    let ro = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(ro.map(), &load("acme.json"));
    drop(ro);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "read-only changed the file"
    );

    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.map(), &load("acme.json"));
    let backups: Vec<PathBuf> = std::fs::read_dir(throughline_store::backup_dir(&path))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let backup = backups
        .iter()
        .find(|p| p.to_string_lossy().contains("before-migration-v3"))
        .unwrap_or_else(|| panic!("no migration backup among {backups:?}"));
    assert_eq!(version(backup), 2, "the backup is the file as it was");
    let mut person = ws.map().people[0].clone();
    person.email = Some("ana@acme.example".into());
    ws.apply(&Edit::PutPerson { person }).unwrap();
    drop(ws);
    assert_eq!(version(&path), throughline_store::schema::SCHEMA_VERSION);
    let ws = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(
        ws.map().people[0].email.as_deref(),
        Some("ana@acme.example")
    );
    let text = write_map(ws.map());
    assert!(text.contains("\"email\": \"ana@acme.example\""), "{text}");
    assert_eq!(read_map(&text).unwrap(), *ws.map());
}

// ---- decisions (schema 4) ---------------------------------------------------------------

fn decision(statement: &str) -> throughline_store::DecisionInput {
    throughline_store::DecisionInput {
        date: "2027-01-10".into(),
        statement: statement.into(),
        rationale: "Win rate drops above 90 calls".into(),
        people: vec!["cso".into(), "rep1".into()],
        goals: vec!["rep1-calls".into()],
        findings: vec![throughline_store::decisions::FindingRef {
            rule: "conflicting-goals".into(),
            subject: "rep1-calls".into(),
            related: vec!["sales-win-rate".into()],
            text: "“100 calls a week” pulls against “Win rate 30%”".into(),
        }],
    }
}

fn version_of(p: &Path) -> i64 {
    rusqlite::Connection::open(p)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn decision_rows(p: &Path) -> i64 {
    rusqlite::Connection::open(p)
        .unwrap()
        .query_row("SELECT count(*) FROM decisions", [], |r| r.get(0))
        .unwrap()
}

/// A workspace written by an older build (`name` in tests/fixtures), copied into `dir`:
/// its path and its bytes, its schema version checked.
fn schema_fixture(dir: &tempfile::TempDir, name: &str, version: i64) -> (PathBuf, Vec<u8>) {
    let path = dir.path().join("acme.throughline");
    std::fs::copy(fixture(name), &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(version_of(&path), version);
    (path, bytes)
}

/// The bytes of the backup written before migrating `path` to `version`.
fn migration_backup(path: &Path, version: i64) -> Vec<u8> {
    let backups: Vec<PathBuf> = std::fs::read_dir(throughline_store::backup_dir(path))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let backup = backups
        .iter()
        .find(|p| {
            p.to_string_lossy()
                .contains(&format!("before-migration-v{version}"))
        })
        .unwrap_or_else(|| panic!("no migration backup among {backups:?}"));
    std::fs::read(backup).unwrap()
}

/// `acme-v3.throughline` was written by the build before decisions (schema 3:
/// `Workspace::create` of `acme.json` at commit 2b77c93). Read-only it opens as it is, with
/// no decisions, and stays byte for byte. Opened for editing, a backup of it is written
/// first (`before-migration-v4`), byte for byte the file as it was; then it is migrated:
/// the map is unchanged, the decisions table is there and empty, and a decision saves and
/// reads back. A build that reads up to this version refuses the file once a newer one
/// has written it, and leaves it as it is.
#[test]
fn a_schema_3_file_is_backed_up_byte_for_byte_then_migrated_to_hold_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = schema_fixture(&dir, "acme-v3.throughline", 3);

    let ro = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(ro.map(), &load("acme.json"));
    assert_eq!(ro.decisions().unwrap(), []);
    drop(ro);
    assert!(
        std::fs::read(&path).unwrap() == original,
        "read-only changed the file"
    );

    let ws = Workspace::open(&path, Options::default()).unwrap();
    assert!(
        migration_backup(&path, 4) == original,
        "the backup is the v3 file byte for byte"
    );
    assert_eq!(ws.map(), &load("acme.json"), "the map is unchanged");
    assert_eq!(
        ws.version().unwrap(),
        throughline_store::schema::SCHEMA_VERSION
    );
    assert_eq!(ws.decisions().unwrap(), []);
    assert_eq!(ws.history().unwrap().undo, None, "migrating is not an edit");
    ws.close().unwrap();
    assert_eq!(decision_rows(&path), 0);
    assert_eq!(
        throughline_store::read_map_from(&path).unwrap(),
        load("acme.json")
    );

    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    let d = ws
        .record_decision(&decision("Calls target goes to 90"))
        .unwrap();
    ws.close().unwrap();
    let ws = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(ws.decisions().unwrap(), [d]);
    drop(ws);

    // A file from a newer build: refused by this one (as a v3 build refuses this file
    // now), for reading and for editing, and not touched.
    let newest = throughline_store::schema::SCHEMA_VERSION;
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", newest + 1)
        .unwrap();
    let newer = std::fs::read(&path).unwrap();
    for opts in [Options::default(), Options::read_only()] {
        let err = Workspace::open(&path, opts).unwrap_err();
        assert_eq!(err.code(), "too_new", "{err}");
        let says = format!(
            "file format {}, this version reads up to {newest}",
            newest + 1
        );
        assert!(err.to_string().contains(&says), "{err}");
    }
    assert!(
        std::fs::read(&path).unwrap() == newer,
        "a refused file is not touched"
    );
}

/// `acme-v4.throughline` was written by the build before drafts (schema 4: `throughline
/// import` of `acme.json` at 6a36249). Opened for editing it is backed up byte for byte
/// (`before-migration-v5`) and migrated: the map is unchanged, there is no draft, and a
/// draft can be started and read back.
#[test]
fn a_schema_4_file_is_backed_up_then_migrated_to_hold_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = schema_fixture(&dir, "acme-v4.throughline", 4);
    let ro = Workspace::open(&path, Options::read_only()).unwrap();
    assert!(ro.draft().unwrap().is_none(), "a v4 file has no draft");
    drop(ro);
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert!(
        migration_backup(&path, 5) == original,
        "the backup is the v4 file byte for byte"
    );
    assert_eq!(
        ws.version().unwrap(),
        throughline_store::schema::SCHEMA_VERSION
    );
    assert_eq!(ws.map(), &load("acme.json"));
    assert!(ws.draft().unwrap().is_none());
    ws.start_draft("Calls at 80").unwrap();
    drop(ws);
    let ws = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(
        ws.draft().unwrap().expect("the draft").name(),
        "Calls at 80"
    );
}

/// A draft: its edits are made in memory and listed in the file, never in the map or its
/// history; it survives reopening (made again from its edits); undo and redo inside it;
/// keeping it is one edit of the map (one undo step) with a decision, and ends it;
/// discarding it leaves the map as it was; only one at a time.
#[test]
fn a_draft_never_touches_the_map_until_it_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let acme = load("acme.json");
    let (path, mut ws) = new_ws(&dir, &acme);
    let history = ws.history().unwrap();
    let mut draft = ws.start_draft("  Calls at 80  ").unwrap();
    assert_eq!(draft.name(), "Calls at 80");
    assert!(ws
        .start_draft("Another")
        .unwrap_err()
        .to_string()
        .contains("“Calls at 80” is open"));

    let mut calls = acme
        .goals
        .iter()
        .find(|g| g.id == "rep1-calls")
        .unwrap()
        .clone();
    calls.target = Some(80.0);
    calls.title = "80 calls a week".into();
    draft
        .apply_edit(&Edit::PutGoal {
            goal: calls.clone(),
        })
        .unwrap();
    draft
        .apply_edit(&Edit::LinkSupport {
            goal: "forecast-95".into(),
            supports: "sales-revenue".into(),
        })
        .unwrap();
    ws.save_draft(&draft).unwrap();
    assert_eq!(ws.map(), &acme, "the workspace's map is untouched");
    assert_eq!(ws.history().unwrap(), history, "and so is its history");
    let drafted = draft.map().clone();
    assert_ne!(drafted, acme);
    // Undo and redo inside the draft.
    assert_eq!(
        draft.undo().unwrap(),
        "Link “Forecast accuracy 95%” to “Sales delivers EUR 8M”"
    );
    assert_eq!(
        draft.history().redo.as_deref(),
        Some("Link “Forecast accuracy 95%” to “Sales delivers EUR 8M”")
    );
    draft.redo().unwrap();
    assert_eq!(draft.map(), &drafted);
    ws.save_draft(&draft).unwrap();
    drop(ws);

    // Reopened: the draft is made again from its edits.
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.map(), &acme);
    let draft = ws.draft().unwrap().expect("the draft survives");
    assert_eq!(draft.map(), &drafted);
    assert_eq!(draft.record().edits.len(), 2);

    // Keep it with a decision: one step; undo gives the map before the draft.
    let input = throughline_store::DecisionInput {
        date: "2026-11-28".into(),
        statement: "The call target goes to 80 a week".into(),
        rationale: "Above 80 calls the win rate drops".into(),
        people: vec!["ceo".into()],
        goals: vec!["rep1-calls".into()],
        findings: vec![],
    };
    let (applied, decided) = ws.keep_draft(&draft, Some(&input)).unwrap();
    assert_eq!(
        applied.label,
        "Keep the draft “Calls at 80”, with a decision"
    );
    assert_eq!(
        decided.expect("the decision").goals[0].name,
        "80 calls a week"
    );
    assert_eq!(ws.map(), &drafted);
    assert!(ws.draft().unwrap().is_none(), "keeping ends the draft");
    assert_eq!(ws.decisions().unwrap().len(), 1);
    ws.undo().unwrap();
    assert_eq!(ws.map(), &acme, "one undo step");
    assert!(ws.decisions().unwrap().is_empty());

    // Discard: nothing of it stays.
    let mut draft = ws.start_draft("Try again").unwrap();
    draft
        .apply_edit(&Edit::DeleteGoal {
            id: "rep1-calls".into(),
        })
        .unwrap();
    ws.save_draft(&draft).unwrap();
    ws.discard_draft().unwrap();
    assert!(ws.draft().unwrap().is_none());
    assert_eq!(ws.map(), &acme);
    // An empty draft has nothing to keep; a nameless one does not start.
    let empty = ws.start_draft("Nothing").unwrap();
    assert!(ws
        .keep_draft(&empty, None)
        .unwrap_err()
        .to_string()
        .contains("no edits"));
    ws.discard_draft().unwrap();
    assert!(ws
        .start_draft("  ")
        .unwrap_err()
        .to_string()
        .contains("needs a name"));
}

/// A draft whose edit no longer applies (its goal deleted behind it) is refused by name
/// when the file is opened, and can still be discarded.
#[test]
fn a_draft_that_no_longer_applies_says_which_edit_and_can_be_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let acme = load("acme.json");
    let (path, mut ws) = new_ws(&dir, &acme);
    let mut draft = ws.start_draft("Link the forecast").unwrap();
    draft
        .apply_edit(&Edit::LinkSupport {
            goal: "forecast-95".into(),
            supports: "sales-revenue".into(),
        })
        .unwrap();
    ws.save_draft(&draft).unwrap();
    ws.apply(&Edit::DeleteGoal {
        id: "forecast-95".into(),
    })
    .unwrap();
    drop(ws);
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    let e = ws.draft().expect_err("refused");
    assert!(
        e.to_string()
            .contains("“Link the forecast” no longer applies"),
        "{e}"
    );
    assert!(e.to_string().contains("edit 1 of 1"), "{e}");
    assert_eq!(
        ws.draft_record().unwrap().expect("still listed").name,
        "Link the forecast"
    );
    ws.discard_draft().unwrap();
    assert!(ws.draft().unwrap().is_none());
}

/// Record, edit and delete a decision: each is one undoable step, undone and redone like an
/// edit, surviving a reopen; names are kept as they were when it was recorded; the map
/// never changes and the change touches no entity.
#[test]
fn decisions_are_recorded_edited_and_deleted_as_undoable_steps() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    let map = ws.map().clone();
    let d = ws
        .record_decision(&decision("Calls target goes to 90"))
        .unwrap();
    assert_eq!(d.id, 1);
    assert_eq!(
        d.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["Hannah Cole", "Ali Hassan"]
    );
    assert_eq!(d.goals[0].name, "100 calls a week");
    assert_eq!(ws.map(), &map);
    assert_eq!(
        ws.last_touched(),
        &throughline_store::Touched::Entities(vec![])
    );
    assert_eq!(
        ws.history().unwrap().undo.as_deref(),
        Some("Record decision “Calls target goes to 90”")
    );
    let second = ws
        .record_decision(&decision("Keep the win-rate goal"))
        .unwrap();
    assert_eq!(second.id, 2);

    // Edit: the id and the recording time stay.
    let mut changed = decision("Calls target goes to 80");
    changed.people = vec!["ceo".into()];
    ws.update_decision(1, &changed).unwrap();
    let now = ws.decision(1).unwrap();
    assert_eq!(now.statement, "Calls target goes to 80");
    assert_eq!(now.people[0].name, "Maria Lopez");
    assert_eq!(now.created_at, d.created_at);
    ws.undo().unwrap();
    assert_eq!(ws.decision(1).unwrap(), d);
    ws.redo().unwrap();
    assert_eq!(ws.decision(1).unwrap(), now);

    // Delete, undo (back as it was), reopen, redo.
    assert_eq!(
        ws.delete_decision(2).unwrap(),
        "Delete decision “Keep the win-rate goal”"
    );
    assert_eq!(ws.decisions().unwrap(), std::slice::from_ref(&now));
    ws.undo().unwrap();
    assert_eq!(ws.decisions().unwrap().len(), 2);
    drop(ws);
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert_eq!(ws.decisions().unwrap().len(), 2, "undo survives reopening");
    ws.redo().unwrap();
    assert_eq!(ws.decisions().unwrap(), std::slice::from_ref(&now));
    // Undo everything: no decision, the map as it was.
    while ws.undo().is_ok() {}
    assert_eq!(ws.decisions().unwrap(), []);
    assert_eq!(ws.map(), &map);

    // Newest first: by date, then by id.
    let mut a = decision("Earlier");
    a.date = "2027-01-09".into();
    ws.record_decision(&a).unwrap();
    ws.record_decision(&decision("Later one")).unwrap();
    ws.record_decision(&decision("Later two")).unwrap();
    let order: Vec<String> = ws
        .decisions()
        .unwrap()
        .into_iter()
        .map(|d| d.statement)
        .collect();
    assert_eq!(order, ["Later two", "Later one", "Earlier"]);

    // A person deleted after the decision: the decision keeps the name it had.
    ws.apply(&Edit::DeleteGoal {
        id: "rep1-calls".into(),
    })
    .unwrap();
    let kept = &ws.decisions().unwrap()[0];
    assert_eq!(kept.goals[0].id, "rep1-calls");
    assert_eq!(kept.goals[0].name, "100 calls a week");
}

/// Bad input is refused with a sentence naming it, and nothing is written: no row, no
/// history entry, the file byte for byte.
#[test]
fn a_decision_naming_an_unknown_person_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir, &load("acme.json"));
    ws.record_decision(&decision("First")).unwrap();
    let rows = |ws: &Workspace| -> (i64, i64, String) {
        ws.connection()
            .query_row(
                "SELECT (SELECT count(*) FROM history), (SELECT count(*) FROM decisions), (SELECT group_concat(statement) FROM decisions)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap()
    };
    let before = rows(&ws);
    let history = ws.history().unwrap();
    type Spoil = dyn Fn(&mut throughline_store::DecisionInput);
    let cases: [(&Spoil, &str); 5] = [
        (
            &|d| d.people.push("ben-osei".into()),
            "the decision names person “ben-osei”, who is not in the map; nothing was saved",
        ),
        (
            &|d| d.goals.push("no-goal".into()),
            "the decision names goal “no-goal”, which is not in the map; nothing was saved",
        ),
        (
            &|d| d.people.push("rep1-calls".into()),
            "the decision names “rep1-calls” among its people, but “rep1-calls” is a goal, not a person; nothing was saved",
        ),
        (
            &|d| d.statement = " ".into(),
            "a decision needs a statement (what was decided); nothing was saved",
        ),
        (
            &|d| d.date = "2027-13-01".into(),
            "the decision's date “2027-13-01” is not a date written YYYY-MM-DD; nothing was saved",
        ),
    ];
    for (change, message) in cases {
        let mut d = decision("Second");
        change(&mut d);
        let err = ws.record_decision(&d).unwrap_err();
        assert_eq!(err.to_string(), message);
        assert_eq!(err.code(), "refused");
        let err = ws.update_decision(1, &d).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    assert_eq!(
        ws.update_decision(7, &decision("x"))
            .unwrap_err()
            .to_string(),
        "there is no decision 7 in this workspace"
    );
    assert_eq!(ws.history().unwrap(), history);
    assert_eq!(rows(&ws), before, "nothing was written");
    ws.close().unwrap();

    let ro = Workspace::open(&path, Options::read_only());
    let mut ro = ro.unwrap();
    assert_eq!(
        ro.record_decision(&decision("x")).unwrap_err().code(),
        "read_only"
    );
}

/// An edit and a decision about it are one transaction and one undo step (what keeping a
/// draft with a decision does); the decision may name a goal the edit creates, and a
/// refused decision leaves the edit unmade.
#[test]
fn an_edit_and_its_decision_are_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut ws) = new_ws(&dir, &load("acme.json"));
    let map = ws.map().clone();
    let mut g = goal("rep1-quality", "rep1", &["sales-win-rate"]);
    g.title = "80 quality calls a week".into();
    let mut d = decision("Quality calls replace the call count");
    d.goals = vec!["rep1-quality".into()];
    let (applied, rec) = ws
        .apply_edit_with_decision(&Edit::CreateGoal { goal: g.clone() }, &d)
        .unwrap();
    assert!(
        applied.label.ends_with(", with a decision"),
        "{}",
        applied.label
    );
    assert_eq!(rec.goals[0].name, "80 quality calls a week");
    assert!(ws.map().goals.iter().any(|x| x.id == "rep1-quality"));
    ws.undo().unwrap();
    assert_eq!(ws.map(), &map);
    assert_eq!(ws.decisions().unwrap(), [], "one undo took both back");
    ws.redo().unwrap();
    assert_eq!(ws.decisions().unwrap(), [rec]);
    ws.undo().unwrap();

    // Refused: neither the edit nor the decision is made.
    d.people = vec!["nobody".into()];
    let err = ws
        .apply_edit_with_decision(&Edit::CreateGoal { goal: g }, &d)
        .unwrap_err();
    assert!(err.to_string().contains("“nobody”"), "{err}");
    assert_eq!(ws.map(), &map);
    assert_eq!(ws.decisions().unwrap(), []);
    // A goal the edit deletes cannot be named.
    let mut d = decision("Drop the call count");
    d.goals = vec!["rep1-calls".into()];
    let err = ws
        .apply_edit_with_decision(
            &Edit::DeleteGoal {
                id: "rep1-calls".into(),
            },
            &d,
        )
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("goal “rep1-calls”, which is not in the map"),
        "{err}"
    );
}

/// `acme-v5.throughline` was written by the build before agreement histories (schema 5:
/// `throughline import` of `acme.json` at d158ab1). Read-only it has none and is left as
/// it is; opened for editing it is backed up byte for byte (`before-migration-v6`) and
/// migrated, and a step then saves and reads back after reopening.
#[test]
fn a_schema_5_file_is_backed_up_then_migrated_to_hold_agreements() {
    let dir = tempfile::tempdir().unwrap();
    let (path, original) = schema_fixture(&dir, "acme-v5.throughline", 5);
    let ro = Workspace::open(&path, Options::read_only()).unwrap();
    assert_eq!(ro.agreements("rep1-calls").unwrap(), []);
    drop(ro);
    assert!(
        std::fs::read(&path).unwrap() == original,
        "read-only changed the file"
    );
    let mut ws = Workspace::open(&path, Options::default()).unwrap();
    assert!(
        migration_backup(&path, 6) == original,
        "the backup is the v5 file byte for byte"
    );
    assert_eq!(ws.version().unwrap(), 6);
    assert_eq!(ws.map(), &load("acme.json"), "the map is unchanged");
    ws.record_agreement(&counter("rep1", 80.0, "Win rate falls above 80"))
        .unwrap();
    drop(ws);
    let ws = Workspace::open(&path, Options::read_only()).unwrap();
    let steps = ws.agreements("rep1-calls").unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(
        throughline_core::agreement::describe(&steps[0]),
        "2027-01-12 Ali Hassan countered: a target of 80, because “Win rate falls above 80”"
    );
}

fn step(kind: AgreementKind, by: &str, target: Option<f64>, reason: &str) -> AgreementInput {
    AgreementInput {
        goal: "rep1-calls".into(),
        kind,
        date: "2027-01-12".into(),
        by: by.into(),
        target,
        due: None,
        reason: reason.into(),
    }
}

fn counter(by: &str, target: f64, reason: &str) -> AgreementInput {
    step(AgreementKind::Countered, by, Some(target), reason)
}

/// Catchball: each step is one undoable step with the goal's edit it makes (a proposal
/// and an agreement set the target they name and the status; a counter only answers, and
/// reopens); the history reads back oldest first; a refused step writes nothing.
#[test]
fn agreement_steps_change_the_goal_and_undo_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let acme = load("acme.json");
    let (_path, mut ws) = new_ws(&dir, &acme);
    let goal = |ws: &Workspace| {
        let g = ws
            .map()
            .goals
            .iter()
            .find(|g| g.id == "rep1-calls")
            .unwrap();
        (g.target, g.effective_status())
    };
    assert_eq!(goal(&ws), (Some(100.0), Status::Proposed));

    let (applied, _) = ws
        .record_agreement(&counter("rep1", 80.0, "Win rate falls above 80"))
        .unwrap();
    assert_eq!(applied.label, "Ali Hassan countered “100 calls a week”");
    assert_eq!(
        goal(&ws),
        (Some(100.0), Status::Proposed),
        "a counter does not set it"
    );
    ws.record_agreement(&step(AgreementKind::Agreed, "cso", Some(85.0), ""))
        .unwrap();
    assert_eq!(goal(&ws), (Some(85.0), Status::Agreed));
    let kinds: Vec<_> = ws
        .agreements("rep1-calls")
        .unwrap()
        .iter()
        .map(|s| (s.kind, s.by_name.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (AgreementKind::Countered, "Ali Hassan".to_string()),
            (AgreementKind::Agreed, "Hannah Cole".to_string())
        ]
    );

    assert_eq!(ws.undo().unwrap(), "Hannah Cole agreed “100 calls a week”");
    assert_eq!(goal(&ws), (Some(100.0), Status::Proposed));
    assert_eq!(ws.agreements("rep1-calls").unwrap().len(), 1);
    ws.redo().unwrap();
    assert_eq!(goal(&ws), (Some(85.0), Status::Agreed));
    assert_eq!(ws.agreements("rep1-calls").unwrap().len(), 2);
    ws.record_agreement(&counter("rep1", 70.0, "Holidays"))
        .unwrap();
    assert_eq!(
        goal(&ws),
        (Some(85.0), Status::Proposed),
        "a counter reopens it"
    );

    let before = (
        ws.history().unwrap(),
        ws.all_agreements().unwrap(),
        ws.map().clone(),
    );
    for (input, says) in [
        (
            counter("nobody", 70.0, "x"),
            "“nobody”, who countered it, is not a person in the map; nothing was saved",
        ),
        (
            step(AgreementKind::Countered, "rep1", None, "x"),
            "a counter names another target or due date; nothing was saved",
        ),
        (
            step(AgreementKind::Disputed, "rep1", None, " "),
            "say why it is disputed; nothing was saved",
        ),
    ] {
        assert_eq!(ws.record_agreement(&input).unwrap_err().to_string(), says);
    }
    let mut gone = counter("rep1", 70.0, "x");
    gone.goal = "no-such-goal".into();
    assert!(ws
        .record_agreement(&gone)
        .unwrap_err()
        .to_string()
        .contains("goal “no-such-goal” is not in the map"));
    assert_eq!(
        (
            ws.history().unwrap(),
            ws.all_agreements().unwrap(),
            ws.map().clone()
        ),
        before,
        "a refused step writes nothing"
    );
}

/// One rule on empty names (issue #11 item 3): the map format allows an empty name or
/// title (the reader and `check` accept it), so a document holding one opens and every
/// other edit of that entity works; an edit may not make a name blank.
#[test]
fn an_empty_name_the_format_allows_never_blocks_other_edits_but_an_edit_cannot_blank_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut acme = load("acme.json");
    let calls = acme
        .goals
        .iter_mut()
        .find(|g| g.id == "rep1-calls")
        .unwrap();
    calls.title = String::new();
    acme.people
        .iter_mut()
        .find(|p| p.id == "rep2")
        .unwrap()
        .name = " ".into();
    let text = write_map(&acme);
    let acme = read_map(&text).expect("the format allows empty names");
    let (_path, mut ws) = new_ws(&dir, &acme);

    let mut g = acme
        .goals
        .iter()
        .find(|g| g.id == "rep1-calls")
        .unwrap()
        .clone();
    g.status = Some(Status::Agreed);
    ws.apply_edit(&Edit::PutGoal { goal: g.clone() })
        .expect("a status edit of an untitled goal");
    let mut p = acme.people.iter().find(|p| p.id == "rep2").unwrap().clone();
    p.role = Some("Account executive".into());
    ws.apply_edit(&Edit::PutPerson { person: p })
        .expect("a role edit of a person with a blank name");

    let mut titled = acme
        .goals
        .iter()
        .find(|g| g.id == "rep1-revenue")
        .unwrap()
        .clone();
    titled.title = "  ".into();
    let err = ws
        .apply_edit(&Edit::PutGoal { goal: titled })
        .unwrap_err()
        .to_string();
    assert!(err.contains("title: must not be empty"), "{err}");
}
