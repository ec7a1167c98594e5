//! The alignment views (issue #13 item 5) on the acme fixture: the report's numbers named
//! for the page, computed once per revision, and each cell's goals with the findings
//! panel's filter.

use throughline_app_core::alignment::{alignment_goals, AlignmentCell, AlignmentView, FlowCounts};
use throughline_app_core::{ErrorCode, Session};
use throughline_core::model::Status;
use throughline_core::Severity;
use throughline_store::Edit;

mod common;
use common::session;

fn view(s: &Session) -> &AlignmentView {
    s.revision().expect("open").alignment()
}

fn flow(goals: u32, in_line: u32, agreed: u32, not_agreed: u32, aligned: u32) -> FlowCounts {
    FlowCounts {
        goals,
        in_line,
        imposed_agreed: agreed,
        imposed_not_agreed: not_agreed,
        disputed: 0,
        aligned,
    }
}

/// Acme's three views carry its report's numbers: the executive team sets a goal on Sales
/// and one on Marketing, Finance one on Sales; Sales' nine goals, six tracing to "Grow
/// revenue 25%"; Sales' scorecard at 80.0% with its ten findings.
#[test]
fn acme_views_hold_the_reports_numbers() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let s = session(dir.path());
    let v = view(&s);
    let names: Vec<&str> = v.flows.functions.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(names, ["Executive team", "Sales", "Marketing", "Finance"]);
    assert_eq!(v.flows.cells[0][1], flow(1, 0, 0, 1, 0));
    assert_eq!(v.flows.cells[0][2], flow(1, 0, 1, 0, 1));
    assert_eq!(v.flows.cells[3][1], flow(1, 0, 0, 1, 0));
    assert_eq!(v.flows.received[1], flow(2, 0, 0, 2, 0));
    assert_eq!(v.flows.given[0], flow(2, 0, 1, 1, 1));
    assert_eq!(v.flows.total, flow(3, 0, 1, 2, 1));
    assert_eq!(v.focus_function.as_deref(), Some("sales"));

    assert_eq!(v.coverage.strategy[0].label, "Grow revenue 25%");
    let rows: Vec<(&str, &[u32], u32, u32)> = v
        .coverage
        .rows
        .iter()
        .map(|r| {
            (
                r.function.id.as_str(),
                r.cells.as_slice(),
                r.untraced,
                r.goals,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("board", &[0][..], 0, 0),
            ("sales", &[6][..], 3, 9),
            ("marketing", &[1][..], 0, 1),
            ("finance", &[0][..], 1, 1)
        ]
    );
    assert_eq!(v.coverage.max, 6);

    let sales = &v.scorecards[1];
    assert_eq!(sales.function.id, "sales");
    assert_eq!(
        (
            sales.people,
            sales.goals,
            sales.person_goals,
            sales.aligned,
            sales.sound
        ),
        (3, 9, 5, 4, 4)
    );
    assert_eq!(sales.index, Some(80.0));
    assert_eq!(
        (sales.findings, sales.errors, sales.warnings, sales.infos),
        (10, 3, 4, 3)
    );
    let rules: Vec<(&str, &str, Severity, u32)> = sales
        .by_rule
        .iter()
        .map(|r| (r.rule.as_str(), r.name.as_str(), r.severity, r.count))
        .collect();
    assert_eq!(
        rules[1],
        ("imposed-goal", "Imposed goal", Severity::Error, 2)
    );
    assert_eq!(rules.len(), 7);
    assert_eq!(sales.imposed_in, flow(2, 0, 0, 2, 0));
    assert_eq!((sales.people_with_goals, sales.stale), (3, 1));
    assert_eq!(sales.stale_people[0].name, "Chloe Martin");
    assert_eq!(
        sales.stale_people[0].last_check_in.as_deref(),
        Some("2026-10-01")
    );
    assert_eq!((sales.leading, sales.lagging, sales.unmeasured), (3, 6, 0));
    let finance = &v.scorecards[3];
    assert_eq!(
        finance.stale_people[0].last_check_in, None,
        "never checked in"
    );
}

/// The views are computed once per revision (the second read is the same value, and no
/// `Org` is built for them); an edit's revision has its own, from the new map, whichever
/// way the change kept the old revision's findings.
#[test]
fn computed_once_per_revision_and_again_after_a_change() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut s = session(dir.path());
    let builds = throughline_core::org::builds_on_this_thread();
    let first: *const AlignmentView = view(&s);
    let again: *const AlignmentView = view(&s);
    assert_eq!(first, again, "kept, not computed again");
    assert_eq!(throughline_core::org::builds_on_this_thread(), builds);

    // A status: the goal-local re-run. Finance's goal on Sales is now agreed.
    let mut g = s
        .revision()
        .unwrap()
        .map()
        .goals
        .iter()
        .find(|g| g.id == "forecast-95")
        .unwrap()
        .clone();
    g.status = Some(Status::Disputed);
    s.apply_edit(&Edit::PutGoal { goal: g.clone() })
        .expect("edit");
    let mut disputed = flow(1, 0, 0, 1, 0);
    disputed.disputed = 1;
    assert_eq!(view(&s).flows.cells[3][1], disputed);
    g.status = Some(Status::Agreed);
    s.apply_edit(&Edit::PutGoal { goal: g }).expect("edit");
    assert_eq!(view(&s).flows.cells[3][1], flow(1, 0, 1, 0, 0));

    // A title only: the findings are kept, the names are the new map's.
    let mut grow = s
        .revision()
        .unwrap()
        .map()
        .goals
        .iter()
        .find(|g| g.id == "grow")
        .unwrap()
        .clone();
    assert_eq!(view(&s).coverage.strategy[0].label, "Grow revenue 25%");
    grow.title = "Grow revenue 30%".into();
    s.apply_edit(&Edit::PutGoal { goal: grow }).expect("edit");
    assert_eq!(view(&s).coverage.strategy[0].label, "Grow revenue 30%");
}

/// Opening a cell: its goals, each with its findings, and the panel's filter.
#[test]
fn a_cell_opens_its_goals_and_findings() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let s = session(dir.path());
    let rev = s.revision().expect("open");
    let flow = alignment_goals(
        rev,
        &AlignmentCell::Flow {
            setter: "board".into(),
            owner: "sales".into(),
        },
    )
    .expect("goals");
    assert_eq!(flow.title, "Set by Executive team on Sales: 1 goal");
    assert_eq!(flow.total, 1);
    let g = &flow.goals[0];
    assert_eq!(
        (
            g.id.as_str(),
            g.owner.as_str(),
            g.set_by.as_str(),
            g.in_line,
            g.status
        ),
        (
            "rep1-calls",
            "Ali Hassan",
            "Executive team",
            false,
            Status::Proposed
        )
    );
    // conflicting-goals, imposed-goal, not-agreed, orphaned-goal.
    assert_eq!((g.findings, g.worst), (4, Some(Severity::Error)));
    assert_eq!(
        g.rules,
        [
            "Conflicting goals",
            "Imposed goal",
            "Not agreed",
            "Orphaned goal"
        ]
    );
    assert_eq!(flow.filter.function.as_deref(), Some("sales"));
    assert_eq!(flow.filter.rule.as_deref(), Some("imposed-goal"));

    let untraced = alignment_goals(
        rev,
        &AlignmentCell::Coverage {
            function: "sales".into(),
            strategy: None,
        },
    )
    .expect("goals");
    let ids: Vec<&str> = untraced.goals.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["forecast-95", "rep1-calls", "rep2-skills"]);
    assert_eq!(untraced.filter.rule.as_deref(), Some("orphaned-goal"));
    let traced = alignment_goals(
        rev,
        &AlignmentCell::Coverage {
            function: "sales".into(),
            strategy: Some("grow".into()),
        },
    )
    .expect("goals");
    assert_eq!(traced.total, 6);
    assert_eq!(
        traced.title,
        "Goals of Sales that trace to “Grow revenue 25%”: 6 goals"
    );
    assert_eq!(traced.filter.rule, None);

    // "" is the organisation level: nobody there sets goals on Sales in acme.
    let none = alignment_goals(
        rev,
        &AlignmentCell::Flow {
            setter: "".into(),
            owner: "sales".into(),
        },
    )
    .expect("goals");
    assert_eq!(
        (none.title.as_str(), none.total),
        ("Set by Organisation level on Sales: 0 goals", 0)
    );

    for bad in [
        AlignmentCell::Flow {
            setter: "sales-north".into(),
            owner: "sales".into(),
        },
        AlignmentCell::Coverage {
            function: "sales".into(),
            strategy: Some("rep1-calls".into()),
        },
        AlignmentCell::Coverage {
            function: "nobody".into(),
            strategy: None,
        },
    ] {
        let e = alignment_goals(rev, &bad).expect_err("refused");
        assert_eq!(e.code, ErrorCode::NotFound, "{bad:?}");
    }
}
