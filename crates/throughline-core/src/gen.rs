//! A deterministic generator of synthetic organisations, for tests and benchmarks.
//!
//! The shape is realistic: the functions of the measure library, each with a head reporting
//! to the CEO, teams (and, in large functions, departments of teams) with leads, goals that
//! mostly support their unit's goal up to four strategy goals, development goals, agreed
//! statuses, coaching check-ins — and a sprinkle of the failures Throughline exists to
//! expose (targets imposed on sales by the executive team, orphaned and vague goals, stale
//! feedback). The same options always give the same map.

use crate::library::{measure_library, LibraryMeasure};
use crate::model::*;
use chrono::{Days, NaiveDate};

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    pub people: usize,
    pub seed: u64,
    /// The generated map's `settings.as_of`; check-ins fall in the 90 days before it.
    pub as_of: NaiveDate,
    /// An organisation where alignment mostly breaks, as it does in the field: most goals
    /// imposed from outside the owner's line, unagreed or orphaned, coaching rare, at
    /// least five findings a person. The tidy default has about one finding a person.
    pub messy: bool,
}

impl GenOptions {
    pub fn new(people: usize, seed: u64) -> Self {
        GenOptions {
            people,
            seed,
            as_of: NaiveDate::from_ymd_opt(2026, 11, 28).expect("valid date"),
            messy: false,
        }
    }
}

/// SplitMix64: small, fast, and stable across versions (unlike a library's RNG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: &[&str] = &[
    "Ada", "Ali", "Amara", "Ana", "Ben", "Chloe", "Daniel", "Elena", "Emma", "Farah", "Felix",
    "Grace", "Hannah", "Hugo", "Ines", "Isaac", "James", "Jana", "Kenji", "Lara", "Leo", "Lina",
    "Lucas", "Maria", "Mateo", "Maya", "Nadia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa",
    "Samuel", "Sara", "Tariq", "Tom", "Uma", "Victor", "Zoe",
];
const LAST: &[&str] = &[
    "Abbott", "Berg", "Cole", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hassan", "Ito",
    "Jansen", "Khan", "Kowalski", "Lind", "Lopez", "Martin", "Meyer", "Moreau", "Nakamura",
    "Novak", "Okafor", "Olsen", "Patel", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh",
    "Smith", "Tanaka", "Torres", "Usman", "Varga", "Weber", "Wright", "Xu", "Yilmaz", "Young",
    "Zhang",
];

/// Share of the workforce per library function id, in per mille.
fn weight(function: &str) -> usize {
    match function {
        "sales" => 340,
        "customer-success" => 200,
        "marketing" => 120,
        "finance" => 80,
        "hr" => 70,
        "executive" => 20,
        _ => 80,
    }
}

struct Builder {
    rng: Rng,
    map: Map,
    as_of: NaiveDate,
    next_goal: usize,
    behaviours: Vec<String>,
    messy: bool,
}

impl Builder {
    fn name(&mut self) -> String {
        format!("{} {}", self.rng.pick(FIRST), self.rng.pick(LAST))
    }

    fn person(&mut self, unit: &str, role: &str, manager: Option<&str>) -> String {
        let id = format!("p{}", self.map.people.len() + 1);
        let name = self.name();
        self.map.people.push(Person {
            id: id.clone(),
            name,
            unit: unit.to_string(),
            role: Some(role.to_string()),
            manager: manager.map(str::to_string),
            email: None,
        });
        id
    }

    fn unit(&mut self, id: String, name: String, kind: UnitKind, parent: &str) -> String {
        self.map.units.push(Unit {
            id: id.clone(),
            name,
            kind,
            parent: Some(parent.to_string()),
        });
        id
    }

    fn due(&mut self) -> NaiveDate {
        let quarter_ends = [(2027, 3, 31), (2027, 6, 30), (2027, 9, 30), (2027, 12, 31)];
        let (y, m, d) = *self.rng.pick(&quarter_ends);
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn status(&mut self) -> Status {
        if self.messy {
            return match self.rng.below(100) {
                0..=34 => Status::Agreed,
                35..=79 => Status::Proposed,
                _ => Status::Disputed,
            };
        }
        match self.rng.below(100) {
            0..=87 => Status::Agreed,
            88..=97 => Status::Proposed,
            _ => Status::Disputed,
        }
    }

    fn target(&mut self, m: &LibraryMeasure) -> f64 {
        match m.unit.as_deref() {
            Some("%") => (50 + self.rng.below(46)) as f64,
            Some("days") => (3 + self.rng.below(40)) as f64,
            Some("EUR") => ((1 + self.rng.below(40)) * 50_000) as f64,
            _ => (5 + self.rng.below(200)) as f64,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn goal(
        &mut self,
        title: String,
        owner: &str,
        set_by: Option<&str>,
        measure: &LibraryMeasure,
        supports: Option<String>,
        values: Option<Vec<String>>,
        status: Status,
        vague: bool,
    ) -> String {
        self.next_goal += 1;
        let id = format!("g{}", self.next_goal);
        let target = self.target(measure);
        let due = if vague { None } else { Some(self.due()) };
        self.map.goals.push(Goal {
            id: id.clone(),
            title,
            level: None,
            owner: owner.to_string(),
            set_by: set_by.map(str::to_string),
            measure: Some(measure.id.clone()),
            target: Some(target),
            due,
            status: Some(status),
            supports: supports.map(|s| vec![s]),
            values,
        });
        id
    }
}

fn title_for(m: &LibraryMeasure, target: &str) -> String {
    format!("{} — {target}", m.name)
}

/// Generate a synthetic organisation.
pub fn generate(opts: &GenOptions) -> Map {
    let lib = measure_library();
    let mut b = Builder {
        rng: Rng(opts.seed ^ 0x5448_524F_5547_484C), // "THROUGHL"
        map: Map::new(format!(
            "Synthetic Org {} (seed {})",
            opts.people, opts.seed
        )),
        as_of: opts.as_of,
        next_goal: 0,
        behaviours: Vec::new(),
        messy: opts.messy,
    };
    b.map.settings = Some(Settings {
        as_of: Some(opts.as_of),
        ..Settings::default()
    });
    b.map.units.push(Unit {
        id: "org".into(),
        name: "Synthetic Org".into(),
        kind: UnitKind::Organisation,
        parent: None,
    });
    for (vid, vname, behaviours) in [
        (
            "v-customer",
            "Customer first",
            &["Listen before pitching", "Sell what fits"][..],
        ),
        (
            "v-integrity",
            "Integrity",
            &["Forecast honestly", "Say no early"][..],
        ),
        (
            "v-growth",
            "Growth mindset",
            &["Learn every quarter", "Coach each other"][..],
        ),
    ] {
        let bs: Vec<Behaviour> = behaviours
            .iter()
            .enumerate()
            .map(|(i, n)| Behaviour {
                id: format!("{vid}-b{}", i + 1),
                name: n.to_string(),
            })
            .collect();
        b.behaviours.extend(bs.iter().map(|x| x.id.clone()));
        b.map.values.push(Value {
            id: vid.into(),
            name: vname.into(),
            description: None,
            behaviours: Some(bs),
        });
    }
    b.map.measures = lib
        .measures
        .iter()
        .map(LibraryMeasure::to_measure)
        .collect();
    b.map.interactions = lib.interactions.clone();
    let has_sales = lib.functions.iter().any(|f| f.id == "sales");
    if has_sales {
        b.map.organisation.focus_function = Some("sales".into());
    }

    // Strategy: outcome measures of the executive function (or any outcomes).
    let mut strategic: Vec<&LibraryMeasure> = lib
        .measures_of("executive")
        .filter(|m| m.kind == MeasureKind::Outcome)
        .collect();
    if strategic.is_empty() {
        strategic = lib
            .measures
            .iter()
            .filter(|m| m.kind == MeasureKind::Outcome)
            .collect();
    }
    let strategic: Vec<&LibraryMeasure> = strategic.into_iter().take(4).collect();
    let value_ids = ["v-customer", "v-integrity", "v-growth"];
    let mut strategy_goals = Vec::new();
    for (i, m) in strategic.iter().enumerate() {
        let id = format!("s{}", i + 1);
        let target = b.target(m);
        b.map.goals.push(Goal {
            id: id.clone(),
            title: format!("{} {}", m.name, if i == 0 { "up 25%" } else { "at target" }),
            level: Some(Level::Strategy),
            owner: "org".into(),
            set_by: None,
            measure: Some(m.id.clone()),
            target: Some(target),
            due: Some(NaiveDate::from_ymd_opt(2027, 12, 31).expect("valid")),
            status: Some(Status::Agreed),
            supports: None,
            values: Some(vec![value_ids[i % value_ids.len()].to_string()]),
        });
        strategy_goals.push(id);
    }

    let development: Vec<&LibraryMeasure> = lib
        .measures
        .iter()
        .filter(|m| matches!(m.kind, MeasureKind::Development | MeasureKind::Behaviour))
        .collect();

    // People per function.
    let total_weight: usize = lib.functions.iter().map(|f| weight(&f.id)).sum();
    let mut remaining = opts.people;
    let ceo = if remaining > 0 {
        remaining -= 1;
        let unit = if lib.functions.iter().any(|f| f.id == "executive") {
            "executive"
        } else {
            "org"
        };
        Some(unit)
    } else {
        None
    };
    let mut counts: Vec<usize> = lib
        .functions
        .iter()
        .map(|f| remaining * weight(&f.id) / total_weight.max(1))
        .collect();
    let assigned: usize = counts.iter().sum();
    if let Some(first) = counts.first_mut() {
        *first += remaining - assigned;
    }

    for f in &lib.functions {
        b.unit(f.id.clone(), f.name.clone(), UnitKind::Function, "org");
    }
    let ceo_id = ceo.map(|unit| {
        let id = b.person(unit, "Chief Executive Officer", None);
        if let Some(m) = strategic.first() {
            let s = strategy_goals[0].clone();
            b.goal(
                title_for(m, "company target"),
                &id,
                None,
                m,
                Some(s),
                None,
                Status::Agreed,
                false,
            );
        }
        id
    });

    for (fi, f) in lib.functions.iter().enumerate() {
        let measures: Vec<&LibraryMeasure> = lib.measures_of(&f.id).collect();
        if measures.is_empty() {
            continue;
        }
        // Function goals favour measures that others undermine, so trade-offs show up.
        let undermined: Vec<&LibraryMeasure> = measures
            .iter()
            .copied()
            .filter(|m| {
                lib.interactions
                    .iter()
                    .any(|x| x.effect == Effect::Undermines && x.to == m.id)
            })
            .collect();
        let mut fgoals = Vec::new();
        for k in 0..2 {
            let m = undermined
                .get(k)
                .copied()
                .unwrap_or(measures[k % measures.len()]);
            let s = strategy_goals
                .get((fi + k) % strategy_goals.len().max(1))
                .cloned();
            let g = b.goal(
                title_for(m, &f.name),
                &f.id,
                None,
                m,
                s,
                None,
                Status::Agreed,
                false,
            );
            fgoals.push(g);
        }
        // A guard for every volume measure of this function that feeds another function.
        for m in &measures {
            let feeds_out = lib.interactions.iter().any(|x| {
                x.effect == Effect::Feeds
                    && x.from == m.id
                    && lib.measure(&x.to).is_some_and(|t| t.function != f.id)
            });
            if !feeds_out {
                continue;
            }
            if let Some(guard) = lib
                .interactions
                .iter()
                .find(|x| x.effect == Effect::Guards && x.to == m.id)
                .and_then(|x| lib.measure(&x.from))
            {
                let s = fgoals.first().cloned();
                b.goal(
                    title_for(guard, &f.name),
                    &f.id,
                    None,
                    guard,
                    s,
                    None,
                    Status::Agreed,
                    false,
                );
            }
        }

        let n = counts[fi];
        if n == 0 {
            continue;
        }
        let head = b.person(&f.id, &format!("Head of {}", f.name), ceo_id.as_deref());
        // People's own goals use measures that undermine nothing, so trade-offs come from
        // where they do in real organisations: targets pushed from outside (below).
        let undermines_something = |m: &LibraryMeasure| {
            lib.interactions
                .iter()
                .any(|x| x.effect == Effect::Undermines && x.from == m.id)
        };
        let safe: Vec<&LibraryMeasure> = measures
            .iter()
            .copied()
            .filter(|m| !undermines_something(m))
            .collect();
        let own = if safe.is_empty() {
            measures.clone()
        } else {
            safe
        };
        let leading: Vec<&LibraryMeasure> = own.iter().copied().filter(|m| m.leading).collect();
        let activity: Option<&LibraryMeasure> = measures
            .iter()
            .copied()
            .filter(|m| m.kind == MeasureKind::Activity)
            .max_by_key(|m| undermines_something(m));
        let measures = own;
        person_goals(
            &mut b,
            &head,
            &f.id,
            &measures,
            &leading,
            &development,
            &fgoals[0],
            None,
        );

        // Teams of 6-10, grouped in departments of ten teams when the function is large.
        let mut left = n - 1;
        let mut team_no = 0;
        let mut dept: Option<(String, String, String)> = None; // (unit, lead, goal)
        while left > 0 {
            if n > 120 && team_no % 10 == 0 {
                let dept_unit = b.unit(
                    format!("{}-d{}", f.id, team_no / 10 + 1),
                    format!("{} Department {}", f.name, team_no / 10 + 1),
                    UnitKind::Team,
                    &f.id,
                );
                let lead = b.person(&dept_unit, "Department Lead", Some(&head));
                left -= 1;
                let m = *b.rng.pick(&measures);
                let g = b.goal(
                    title_for(m, "department"),
                    &dept_unit,
                    None,
                    m,
                    Some(fgoals[team_no % fgoals.len()].clone()),
                    None,
                    Status::Agreed,
                    false,
                );
                person_goals(
                    &mut b,
                    &lead,
                    &f.id,
                    &measures,
                    &leading,
                    &development,
                    &g,
                    None,
                );
                dept = Some((dept_unit, lead, g));
                if left == 0 {
                    break;
                }
            }
            team_no += 1;
            let (parent_unit, parent_lead, parent_goal) = match &dept {
                Some((u, l, g)) => (u.clone(), l.clone(), g.clone()),
                None => (f.id.clone(), head.clone(), fgoals[team_no % 2].clone()),
            };
            let team = b.unit(
                format!("{}-t{team_no}", f.id),
                format!("{} Team {team_no}", f.name),
                UnitKind::Team,
                &parent_unit,
            );
            let m = *b.rng.pick(&measures);
            let team_goal = b.goal(
                title_for(m, &format!("team {team_no}")),
                &team,
                None,
                m,
                Some(parent_goal),
                None,
                Status::Agreed,
                false,
            );
            let size = (6 + b.rng.below(5)).min(left);
            let lead = b.person(&team, "Team Lead", Some(&parent_lead));
            left -= 1;
            person_goals(
                &mut b,
                &lead,
                &f.id,
                &measures,
                &leading,
                &development,
                &team_goal,
                None,
            );
            for _ in 1..size {
                let p = b.person(&team, "Team Member", Some(&lead));
                left -= 1;
                let imposed =
                    if (f.id == "sales" && b.rng.chance(6)) || (b.messy && b.rng.chance(85)) {
                        activity.or_else(|| measures.first().copied())
                    } else {
                        None
                    };
                person_goals(
                    &mut b,
                    &p,
                    &f.id,
                    &measures,
                    &leading,
                    &development,
                    &team_goal,
                    imposed,
                );
            }
        }
    }
    check_ins(&mut b);
    b.map
}

/// Goals for one person: one supporting their unit's goal, often a leading one, often a
/// development one; sometimes an orphaned, vague or imposed one.
#[allow(clippy::too_many_arguments)]
fn person_goals(
    b: &mut Builder,
    person: &str,
    function: &str,
    measures: &[&LibraryMeasure],
    leading: &[&LibraryMeasure],
    development: &[&LibraryMeasure],
    parent_goal: &str,
    imposed_activity: Option<&LibraryMeasure>,
) {
    let m = *b.rng.pick(measures);
    let (orphan, vague) = if b.messy {
        (b.rng.chance(45), b.rng.chance(25))
    } else {
        (b.rng.chance(3), b.rng.chance(3))
    };
    let status = b.status();
    // In a messy organisation the person's own target is mostly set by someone outside
    // their line: the function from above, another function beside it.
    let setter = if b.messy && b.rng.chance(60) {
        Some(if b.rng.chance(50) {
            "finance"
        } else {
            "executive"
        })
        .filter(|&s| s != function)
    } else {
        None
    };
    b.goal(
        title_for(m, "own target"),
        person,
        setter,
        m,
        (!orphan).then(|| parent_goal.to_string()),
        None,
        status,
        vague,
    );
    if !leading.is_empty() && b.rng.chance(60) {
        let m = *b.rng.pick(leading);
        let status = b.status();
        b.goal(
            title_for(m, "weekly"),
            person,
            None,
            m,
            Some(parent_goal.to_string()),
            None,
            status,
            false,
        );
    }
    if !development.is_empty() && b.rng.chance(if b.messy { 15 } else { 55 }) {
        let m = *b.rng.pick(development);
        let behaviour = b.behaviours[b.rng.below(b.behaviours.len())].clone();
        let status = b.status();
        b.goal(
            format!("Develop: {}", m.name),
            person,
            None,
            m,
            None,
            Some(vec![behaviour]),
            status,
            false,
        );
    }
    if let Some(m) = imposed_activity {
        let exec_setter = if function == "executive" {
            None
        } else {
            Some("executive")
        };
        b.goal(
            title_for(m, "set by the executive team"),
            person,
            exec_setter,
            m,
            None,
            None,
            Status::Proposed,
            false,
        );
    }
}

/// Coaching cadence: most people have a check-in in the last month, some only older ones,
/// a few none.
fn check_ins(b: &mut Builder) {
    let people: Vec<(String, Option<String>)> = b
        .map
        .people
        .iter()
        .map(|p| (p.id.clone(), p.manager.clone()))
        .collect();
    for (person, manager) in people {
        let roll = b.rng.below(100);
        let roll = if b.messy { roll / 3 } else { roll };
        let (count, max_age) = match roll {
            0..=5 => (0, 0),
            6..=17 => (1, 90),
            _ => (1 + b.rng.below(3), 28),
        };
        for _ in 0..count {
            let age = b.rng.below(max_age + 1) as u64;
            let date = b.as_of.checked_sub_days(Days::new(age)).expect("in range");
            let kind = match b.rng.below(10) {
                0 => CheckInKind::Review,
                1 | 2 => CheckInKind::Feedback,
                _ => CheckInKind::Coaching,
            };
            b.map.check_ins.push(CheckIn {
                person: person.clone(),
                with: manager.clone(),
                date,
                kind: Some(kind),
                notes: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_maps_are_valid_and_deterministic() {
        for people in [0, 1, 2, 17, 300] {
            let a = generate(&GenOptions::new(people, 7));
            assert_eq!(a.people.len(), people, "people count for {people}");
            let problems = crate::validate::validate(&a);
            assert!(problems.is_empty(), "{people}: {problems:?}");
            let b = generate(&GenOptions::new(people, 7));
            assert_eq!(a, b);
        }
        assert_ne!(
            generate(&GenOptions::new(50, 1)),
            generate(&GenOptions::new(50, 2))
        );
    }

    #[test]
    fn a_messy_organisation_breaks_alignment_at_least_five_times_a_person() {
        for people in [300, 2000] {
            let mut opts = GenOptions::new(people, 4);
            opts.messy = true;
            let map = generate(&opts);
            let problems = crate::validate::validate(&map);
            assert!(problems.is_empty(), "{people}: {problems:?}");
            let report = crate::analysis::analyse(map.clone(), opts.as_of);
            let per_person = report.findings.len() as f64 / people as f64;
            assert!(
                per_person >= 5.0,
                "{people}: {per_person:.2} findings a person"
            );
            let tidy = crate::analysis::analyse(generate(&GenOptions::new(people, 4)), opts.as_of);
            assert!(tidy.findings.len() * 3 < report.findings.len());
        }
    }

    #[test]
    fn generated_maps_round_trip_through_json() {
        let map = generate(&GenOptions::new(120, 3));
        let text = crate::format::write_map(&map);
        assert_eq!(crate::format::read_map(&text).expect("valid"), map);
    }
}
