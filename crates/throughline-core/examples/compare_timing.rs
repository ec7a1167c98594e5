//! How long `compare` of two generated organisations takes against one `check` of the
//! second, each as the CLI runs it once the files are read: `check` indexes, runs the rules
//! and writes its JSON (every message, the patterns); `compare` indexes and analyses both
//! sides (two threads), compares them and writes its JSON, all to a sink:
//! `cargo run --release -p throughline-core --example compare_timing -- 100000 [messy] [--write DIR]`.
//!
//! AFTER is BEFORE after a workshop: 2% of people moved to a colleague's team further down
//! the list (mostly in their own function), 1% without a manager, 2% of goals agreed, 0.5%
//! re-linked to a strategy goal, 0.5% of the goals nothing supports removed, 0.5% more
//! people with a check-in each. `--write DIR` also writes both maps (`DIR/before.json`,
//! `DIR/after.json`) to time the CLI end to end. Prints figures; asserts nothing about time.

use std::time::Instant;
use throughline_core::compare;
use throughline_core::gen::{generate, GenOptions};
use throughline_core::model::{CheckIn, Map, Person, Status};
use throughline_core::{analysis, format, Org};

/// The allocator the shipped binaries use (ARCHITECTURE.md, "The allocator"), so that
/// these figures are the binaries'.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let people: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut opts = GenOptions::new(people, 1);
    opts.messy = args.iter().any(|a| a == "messy");
    let before = generate(&opts);
    let after = edited(&before);
    assert!(throughline_core::validate::validate(&after).is_empty());
    if let Some(dir) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        std::fs::write(format!("{dir}/before.json"), format::write_map(&before)).unwrap();
        std::fs::write(format!("{dir}/after.json"), format::write_map(&after)).unwrap();
    }
    let as_of = opts.as_of;
    let (before, after) = (std::sync::Arc::new(before), std::sync::Arc::new(after));
    println!(
        "{} people ({}), {} and {} findings",
        people,
        if opts.messy { "messy" } else { "tidy" },
        analysis::run(&Org::new(before.clone()), as_of).hits.len(),
        analysis::run(&Org::new(after.clone()), as_of).hits.len(),
    );
    let mut checks = Vec::new();
    let mut compares = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let org = Org::new(after.clone());
        let a = analysis::run(&org, as_of);
        serde_json::to_writer_pretty(std::io::sink(), &a.report_json(&org)).unwrap();
        checks.push(t.elapsed().as_secs_f64() * 1e3);

        let t = Instant::now();
        let (b, a) = compare::analyse_both(before.clone(), after.clone(), as_of);
        let analysed = t.elapsed().as_secs_f64() * 1e3;
        let c = compare::compare_sides(b.side(), a.side());
        let compared = t.elapsed().as_secs_f64() * 1e3;
        serde_json::to_writer_pretty(std::io::sink(), &c).unwrap();
        let total = t.elapsed().as_secs_f64() * 1e3;
        compares.push(total);
        println!(
            "check {:>7.1} ms | compare {:>7.1} ms (both analysed {:>6.1}, compared {:>6.1}, JSON {:>5.1}): {} resolved, {} new, {} changed, {} kept; {} people moved, {} goals re-linked",
            checks.last().unwrap(),
            total,
            analysed,
            compared - analysed,
            total - compared,
            c.findings.resolved.len(),
            c.findings.new.len(),
            c.findings.changed.len(),
            c.findings.kept,
            c.changes.people.moved.len(),
            c.changes.goals.relinked.len(),
        );
    }
    // Where compare_sides's time goes.
    let (b, a) = compare::analyse_both(before.clone(), after.clone(), as_of);
    let t = Instant::now();
    let d = compare::diff_findings(b.side(), a.side());
    let diffed = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let ch = compare::changes(&b.org, &a.org);
    let changed = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let n = d.resolved.len() + d.new.len();
    for &i in &d.resolved {
        b.analysis.finding(&b.org, i as usize);
    }
    for &i in &d.new {
        a.analysis.finding(&a.org, i as usize);
    }
    println!(
        "compare_sides: findings matched {diffed:.1} ms, entities {changed:.1} ms ({} goals changed), {n} messages {:.1} ms",
        ch.goals.changed.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (c, k) = (median(&mut checks), median(&mut compares));
    println!(
        "median: check {c:.1} ms, compare {k:.1} ms: ratio {:.2} (target <= 1.5)",
        k / c
    );
}

/// BEFORE after a workshop: deterministic edits of about 2% of the organisation.
fn edited(before: &Map) -> Map {
    let mut m = before.clone();
    let n_people = m.people.len();
    for i in (0..n_people).step_by(50) {
        let unit = m.people[(i + 37) % n_people].unit.clone();
        m.people[i].unit = unit;
    }
    for i in (25..n_people).step_by(100) {
        m.people[i].manager = None;
    }
    let n_goals = m.goals.len();
    for i in (0..n_goals).step_by(50) {
        m.goals[i].status = Some(Status::Agreed);
    }
    // Re-link one goal in 200 to a strategy goal, and remove one in 200 of the goals
    // nothing supports.
    let strategy: Vec<String> = m
        .goals
        .iter()
        .filter(|g| g.is_strategy())
        .map(|g| g.id.clone())
        .collect();
    for i in (10..n_goals).step_by(200) {
        if !m.goals[i].is_strategy() {
            m.goals[i].supports = Some(vec![strategy[i % strategy.len()].clone()]);
        }
    }
    let supported: std::collections::HashSet<&str> = m
        .goals
        .iter()
        .flat_map(|g| g.supports().iter().map(String::as_str))
        .collect();
    let removed: std::collections::HashSet<String> = (5..n_goals)
        .step_by(200)
        .map(|i| m.goals[i].id.clone())
        .filter(|id| !supported.contains(id.as_str()))
        .collect();
    m.goals.retain(|g| !removed.contains(&g.id));
    for i in 0..n_people / 200 {
        let like = &m.people[(i * 199) % n_people];
        let person = Person {
            id: format!("p-new-{i}"),
            name: format!("New Person {i}"),
            unit: like.unit.clone(),
            role: None,
            manager: like.manager.clone(),
            email: None,
        };
        m.check_ins.push(CheckIn {
            person: person.id.clone(),
            with: person.manager.clone(),
            date: before
                .settings
                .as_ref()
                .and_then(|s| s.as_of)
                .expect("gen sets as_of"),
            kind: None,
            notes: None,
        });
        m.people.push(person);
    }
    m
}
