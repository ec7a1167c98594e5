//! The typed edits the app makes, and how each becomes forward and backward [`Op`]s after
//! being validated against the current state — with the same reference rules and wording
//! as the map format (`throughline_core::validate`), plus a refusal of any `supports` link
//! that would close a cycle, naming the chain.

use crate::error::{Result, StoreError};
use crate::rows::{Op, Row, Section, State};
use serde::{Deserialize, Serialize};
use throughline_core::model::*;
use throughline_core::validate::{reference_problem, EntityKind as K, Problem};

/// One user edit. Entities with ids are created by `Create*` — the store gives them a
/// readable id that is unique in the whole map when theirs is empty (from their name:
/// "Win rate 30%" becomes `g-win-rate-30`), and refuses an id that exists — and are
/// replaced whole by `Put*`, which only updates what exists (the id is the key; to rename
/// an id, create the new entity and delete the old). Interactions and check-ins, which
/// have no id, are addressed by their index in the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Edit {
    SetOrganisation {
        name: String,
        focus_function: Option<String>,
    },
    SetSettings {
        settings: Option<Settings>,
    },
    CreateUnit {
        unit: Unit,
    },
    CreatePerson {
        person: Person,
    },
    CreateValue {
        value: Value,
    },
    CreateMeasure {
        measure: Measure,
    },
    CreateGoal {
        goal: Goal,
    },
    PutUnit {
        unit: Unit,
    },
    DeleteUnit {
        id: String,
    },
    PutPerson {
        person: Person,
    },
    DeletePerson {
        id: String,
    },
    PutValue {
        value: Value,
    },
    DeleteValue {
        id: String,
    },
    PutMeasure {
        measure: Measure,
    },
    DeleteMeasure {
        id: String,
    },
    AddInteraction {
        interaction: Interaction,
    },
    UpdateInteraction {
        index: usize,
        interaction: Interaction,
    },
    DeleteInteraction {
        index: usize,
    },
    PutGoal {
        goal: Goal,
    },
    DeleteGoal {
        id: String,
    },
    LinkSupport {
        goal: String,
        supports: String,
    },
    UnlinkSupport {
        goal: String,
        supports: String,
    },
    LinkValue {
        goal: String,
        value: String,
    },
    UnlinkValue {
        goal: String,
        value: String,
    },
    AddCheckIn {
        check_in: CheckIn,
    },
    UpdateCheckIn {
        index: usize,
        check_in: CheckIn,
    },
    DeleteCheckIn {
        index: usize,
    },
    /// Several edits made as one: each planned against the map the ones before it made,
    /// all applied in one transaction and undone in one step, under `label` (a one-click
    /// fix that adds a measure, its trade-off and a goal; a kept draft). Refused whole if
    /// any is; one inside another is made in its place.
    Batch {
        label: String,
        edits: Vec<Edit>,
    },
}

/// The edits `edits` makes, one after another, with any edits made as one inside them in
/// their place (a one-click fix inside a kept draft).
pub fn flatten(edits: &[Edit]) -> Vec<&Edit> {
    let mut out = Vec::with_capacity(edits.len());
    for e in edits {
        match e {
            Edit::Batch { edits, .. } => out.extend(flatten(edits)),
            e => out.push(e),
        }
    }
    out
}

/// Plan `edits` as one, under `label`: each planned against `state` as the ones before it
/// left it (`make` makes a planned edit's ops on it, and may refuse), nested edits made as
/// one in their place; forward ops in order, backward ops in reverse. The workspace makes
/// the ops in its transaction, a draft on a copy of its state.
pub fn plan_in_turn(
    state: &mut State,
    label: &str,
    edits: &[Edit],
    mut make: impl FnMut(&mut State, &Plan) -> Result<()>,
) -> Result<Plan> {
    let (mut forward, mut backward, mut created) = (Vec::new(), Vec::new(), None);
    for e in flatten(edits) {
        let p = plan(state, e)?;
        make(state, &p)?;
        created = p.created.or(created);
        forward.extend(p.forward);
        backward.push(p.backward);
    }
    Ok(Plan {
        label: label.to_string(),
        forward,
        backward: backward.into_iter().rev().flatten().collect(),
        created,
    })
}

/// What an edit does: its label for the history and its ops both ways.
pub struct Plan {
    pub label: String,
    pub forward: Vec<Op>,
    pub backward: Vec<Op>,
    /// The id a `Create*` edit gave the new entity.
    pub created: Option<String>,
}

/// A readable id for a new entity, unique in the map: `prefix` + the name in lower-case
/// ASCII words joined by dashes (accents dropped, at most 40 characters), then `-2`, `-3`,
/// … if that is taken. "Win rate 30%" with "g-" gives `g-win-rate-30`.
pub fn new_id(state: &State, prefix: &str, name: &str, also_taken: &[&str]) -> String {
    throughline_core::ids::unique(throughline_core::ids::derived(prefix, name), |id| {
        state.kind_of(id).is_some() || also_taken.contains(&id)
    })
}

/// A `Create*` edit's entity id: the one given, which must be new, or a new one.
fn creating(state: &State, id: &str, prefix: &str, name: &str, noun: &str) -> Result<String> {
    if id.is_empty() {
        return Ok(new_id(state, prefix, name, &[]));
    }
    match state.kind_of(id) {
        Some(k) => Err(refused(format!(
            "cannot create {noun} \"{id}\": the id is already used by {}",
            k.article()
        ))),
        None => Ok(id.to_string()),
    }
}

/// Behaviours added without an id get one: `VALUE-` + their name, unique in the map.
fn name_new_behaviours(state: &State, value: &mut Value) {
    let id = value.id.clone();
    let Some(bs) = value.behaviours.as_mut() else {
        return;
    };
    let mut given: Vec<String> = bs.iter().map(|b| b.id.clone()).collect();
    given.push(id.clone());
    for b in bs.iter_mut().filter(|b| b.id.is_empty()) {
        let taken: Vec<&str> = given.iter().map(String::as_str).collect();
        b.id = new_id(state, &format!("{id}-"), &b.name, &taken);
        given.push(b.id.clone());
    }
}

/// A `Put*` edit updates what exists; creating goes through `Create*`.
fn updating(state: &State, id: &str, kind: K) -> Result<()> {
    match state.kind_of(id) {
        Some(k) if k == kind => Ok(()),
        _ => Err(refused(format!(
            "there is no {} \"{id}\" to change (it may have been deleted meanwhile)",
            kind.noun()
        ))),
    }
}

/// Plan a `Create*` edit: allocate the id, then plan it as the put of a new entity.
fn plan_create(state: &State, edit: &Edit) -> Result<Option<Plan>> {
    let (put_edit, id) = match edit {
        Edit::CreateUnit { unit } => {
            let id = creating(state, &unit.id, "u-", &unit.name, "a unit")?;
            let unit = Unit {
                id: id.clone(),
                ..unit.clone()
            };
            (Edit::PutUnit { unit }, id)
        }
        Edit::CreatePerson { person } => {
            let id = creating(state, &person.id, "p-", &person.name, "a person")?;
            let person = Person {
                id: id.clone(),
                ..person.clone()
            };
            (Edit::PutPerson { person }, id)
        }
        Edit::CreateValue { value } => {
            let id = creating(state, &value.id, "v-", &value.name, "a value")?;
            let mut value = Value {
                id: id.clone(),
                ..value.clone()
            };
            name_new_behaviours(state, &mut value);
            (Edit::PutValue { value }, id)
        }
        Edit::CreateMeasure { measure } => {
            let id = creating(state, &measure.id, "m-", &measure.name, "a measure")?;
            let measure = Measure {
                id: id.clone(),
                ..measure.clone()
            };
            (Edit::PutMeasure { measure }, id)
        }
        Edit::CreateGoal { goal } => {
            let id = creating(state, &goal.id, "g-", &goal.title, "a goal")?;
            let goal = Goal {
                id: id.clone(),
                ..goal.clone()
            };
            (Edit::PutGoal { goal }, id)
        }
        _ => return Ok(None),
    };
    let mut p = plan_put(state, &put_edit)?;
    p.created = Some(id);
    Ok(Some(p))
}

fn invalid(problems: Vec<Problem>) -> StoreError {
    StoreError::Invalid(problems)
}

fn refused(msg: impl Into<String>) -> StoreError {
    StoreError::Refused(msg.into())
}

/// Checks of one entity's own fields and references, collected as problems.
struct Checker<'a> {
    state: &'a State,
    what: String,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn new(state: &'a State, what: impl Into<String>) -> Self {
        Checker {
            state,
            what: what.into(),
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::new(
            format!("{}.{field}", self.what),
            message.into(),
        ));
    }

    fn id(&mut self, field: &str, id: &str, kind: K) {
        if id.is_empty() {
            self.problem(field, "must not be empty");
            return;
        }
        if let Some(k) = self.state.kind_of(id) {
            if k != kind {
                self.problem(
                    field,
                    format!("id \"{id}\" is already used by {}", k.article()),
                );
            }
        }
    }

    fn reference(&mut self, field: &str, target: &str, allowed: &[K]) {
        if let Some(m) = reference_problem(self.state.kind_of(target), target, allowed) {
            self.problem(field, m);
        }
    }

    /// A name or title: `before` is its text before the edit (`None` for a new entity);
    /// the rule is the core's (`validate::blank_name_problem`).
    fn text(&mut self, field: &str, before: Option<&str>, value: &str) {
        if let Some(m) = throughline_core::validate::blank_name_problem(before, value) {
            self.problem(field, m);
        }
    }

    fn finish(self) -> Result<()> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(invalid(self.problems))
        }
    }
}

/// Validate and plan an edit against the current state.
pub fn plan(state: &State, edit: &Edit) -> Result<Plan> {
    if let Some(p) = plan_create(state, edit)? {
        return Ok(p);
    }
    let existing = match edit {
        Edit::PutUnit { unit } => Some((&unit.id, K::Unit)),
        Edit::PutPerson { person } => Some((&person.id, K::Person)),
        Edit::PutValue { value } => Some((&value.id, K::Value)),
        Edit::PutMeasure { measure } => Some((&measure.id, K::Measure)),
        Edit::PutGoal { goal } => Some((&goal.id, K::Goal)),
        _ => None,
    };
    if let Some((id, kind)) = existing {
        updating(state, id, kind)?;
    }
    if let Edit::PutValue { value } = edit {
        if value.behaviours().iter().any(|b| b.id.is_empty()) {
            let mut value = value.clone();
            name_new_behaviours(state, &mut value);
            return plan_put(state, &Edit::PutValue { value });
        }
    }
    plan_put(state, edit)
}

/// Plan an edit once `Create*` is resolved (a put may then create): each kind of edit has
/// its planner.
fn plan_put(state: &State, edit: &Edit) -> Result<Plan> {
    match edit {
        Edit::CreateUnit { .. }
        | Edit::CreatePerson { .. }
        | Edit::CreateValue { .. }
        | Edit::CreateMeasure { .. }
        | Edit::CreateGoal { .. } => unreachable!("resolved by plan_create"),
        Edit::SetOrganisation {
            name,
            focus_function,
        } => plan_organisation(state, name, focus_function),
        Edit::SetSettings { settings } => plan_settings(state, settings),
        Edit::PutUnit { unit } => plan_unit(state, unit),
        Edit::PutPerson { person } => plan_person(state, person),
        Edit::PutValue { value } => plan_value(state, value),
        Edit::PutMeasure { measure } => plan_measure(state, measure),
        Edit::PutGoal { goal } => plan_goal(state, goal),
        Edit::LinkSupport { goal, supports } => {
            relink(state, goal, Link::Add, LinkList::Supports, supports)
        }
        Edit::UnlinkSupport { goal, supports } => {
            relink(state, goal, Link::Remove, LinkList::Supports, supports)
        }
        Edit::LinkValue { goal, value } => relink(state, goal, Link::Add, LinkList::Values, value),
        Edit::UnlinkValue { goal, value } => {
            relink(state, goal, Link::Remove, LinkList::Values, value)
        }
        Edit::AddInteraction { interaction } => plan_interaction(state, None, interaction),
        Edit::UpdateInteraction { index, interaction } => {
            plan_interaction(state, Some(*index), interaction)
        }
        Edit::DeleteInteraction { index } => delete_indexed(
            state,
            Section::Interaction,
            *index,
            "interaction",
            "Delete a measure interaction".into(),
        ),
        Edit::AddCheckIn { check_in } => plan_check_in(state, None, check_in),
        Edit::UpdateCheckIn { index, check_in } => plan_check_in(state, Some(*index), check_in),
        Edit::DeleteCheckIn { index } => delete_indexed(
            state,
            Section::CheckIn,
            *index,
            "check-in",
            "Delete a check-in".into(),
        ),
        Edit::DeleteUnit { id } => delete_unit(state, id),
        Edit::DeletePerson { id } => delete_person(state, id),
        Edit::DeleteValue { id } => delete_value(state, id),
        Edit::DeleteMeasure { id } => delete_measure(state, id),
        Edit::DeleteGoal { id } => delete_goal(state, id),
        Edit::Batch { .. } => Err(refused(
            "edits made as one are applied by the workspace, one after another",
        )),
    }
}

/// Plan setting the organisation's name and focus function.
fn plan_organisation(state: &State, name: &str, focus_function: &Option<String>) -> Result<Plan> {
    let mut c = Checker::new(state, "organisation");
    c.text("name", Some(&state.map.organisation.name), name);
    if let Some(f) = focus_function {
        c.reference("focus_function", f, &[K::Unit]);
    }
    c.finish()?;
    let organisation = Organisation {
        name: name.to_string(),
        focus_function: focus_function.clone(),
    };
    Ok(Plan {
        label: "Edit organisation".into(),
        forward: vec![Op::Organisation { organisation }],
        backward: vec![Op::Organisation {
            organisation: state.map.organisation.clone(),
        }],
        created: None,
    })
}

/// Plan replacing the settings (every rule they name must exist).
fn plan_settings(state: &State, settings: &Option<Settings>) -> Result<Plan> {
    let mut c = Checker::new(state, "settings");
    for rule in settings
        .iter()
        .flat_map(|s| s.rules.iter().flatten())
        .map(|r| r.0)
    {
        if throughline_core::rules::rule_by_id(rule).is_none() {
            c.problem(&format!("rules.{rule}"), "unknown rule id");
        }
    }
    c.finish()?;
    Ok(Plan {
        label: "Edit settings".into(),
        forward: vec![Op::Settings {
            settings: settings.clone(),
        }],
        backward: vec![Op::Settings {
            settings: state.map.settings.clone(),
        }],
        created: None,
    })
}

/// Plan putting a unit: its fields, its parent, and no cycle of parents.
fn plan_unit(state: &State, unit: &Unit) -> Result<Plan> {
    let mut c = Checker::new(state, format!("unit \"{}\"", unit.id));
    c.id("id", &unit.id, K::Unit);
    c.text("name", state.name_of(&unit.id), &unit.name);
    if let Some(p) = &unit.parent {
        c.reference("parent", p, &[K::Unit]);
    }
    c.finish()?;
    if let Some(p) = &unit.parent {
        refuse_chain_cycle(state, &unit.id, p, "unit parents", |id| {
            state.unit(id).and_then(|u| u.parent.clone())
        })?;
    }
    Ok(put(
        state,
        Section::Unit,
        &unit.id,
        Row::Unit(unit.clone()),
        "unit",
        &unit.name,
    ))
}

/// Plan putting a person: their fields, unit and manager, and no cycle of managers.
fn plan_person(state: &State, person: &Person) -> Result<Plan> {
    let mut c = Checker::new(state, format!("person \"{}\"", person.id));
    c.id("id", &person.id, K::Person);
    c.text("name", state.name_of(&person.id), &person.name);
    c.reference("unit", &person.unit, &[K::Unit]);
    if let Some(m) = &person.manager {
        c.reference("manager", m, &[K::Person]);
    }
    c.finish()?;
    if let Some(m) = &person.manager {
        refuse_chain_cycle(state, &person.id, m, "managers", |id| {
            state.person(id).and_then(|p| p.manager.clone())
        })?;
    }
    Ok(put(
        state,
        Section::Person,
        &person.id,
        Row::Person(person.clone()),
        "person",
        &person.name,
    ))
}

/// Plan putting a value: its fields and behaviours, and no behaviour that goals point at
/// dropped.
fn plan_value(state: &State, value: &Value) -> Result<Plan> {
    check_value(state, value)?;
    // A behaviour that goals point at cannot disappear from under them.
    if let Some((_, Row::Value(old))) = existing(state, Section::Value, &value.id) {
        for b in old.behaviours() {
            if !value.behaviours().iter().any(|n| n.id == b.id) {
                let users = goals_valuing(state, &b.id);
                if !users.is_empty() {
                    return Err(refused(format!(
                        "behaviour “{}” ({}) is linked to {}; unlink it from them first",
                        b.name,
                        b.id,
                        goal_list(&users)
                    )));
                }
            }
        }
    }
    Ok(put(
        state,
        Section::Value,
        &value.id,
        Row::Value(value.clone()),
        "value",
        &value.name,
    ))
}

/// A value's own fields and its behaviours' ids (unique, and no other value's) and names.
fn check_value(state: &State, value: &Value) -> Result<()> {
    let mut c = Checker::new(state, format!("value \"{}\"", value.id));
    c.id("id", &value.id, K::Value);
    c.text("name", state.name_of(&value.id), &value.name);
    let mut seen: Vec<&str> = Vec::new();
    for (i, b) in value.behaviours().iter().enumerate() {
        let field = format!("behaviours[{i}].id");
        if seen.contains(&b.id.as_str()) || b.id == value.id {
            c.problem(&field, format!("duplicate id \"{}\"", b.id));
        }
        seen.push(&b.id);
        match state.kind_of(&b.id) {
            Some(K::Behaviour) if state.pos_of(&b.id) == state.pos_of(&value.id) => {}
            Some(K::Behaviour) => c.problem(
                &field,
                format!("id \"{}\" is already a behaviour of another value", b.id),
            ),
            _ => c.id(&field, &b.id, K::Behaviour),
        }
        c.text(
            &format!("behaviours[{i}].name"),
            state.name_of(&b.id),
            &b.name,
        );
    }
    c.finish()
}

/// Plan putting a measure: its id and name.
fn plan_measure(state: &State, measure: &Measure) -> Result<Plan> {
    let mut c = Checker::new(state, format!("measure \"{}\"", measure.id));
    c.id("id", &measure.id, K::Measure);
    c.text("name", state.name_of(&measure.id), &measure.name);
    c.finish()?;
    Ok(put(
        state,
        Section::Measure,
        &measure.id,
        Row::Measure(measure.clone()),
        "measure",
        &measure.name,
    ))
}

/// Plan putting a goal: its fields and references, and no new `supports` link that closes
/// a cycle.
fn plan_goal(state: &State, goal: &Goal) -> Result<Plan> {
    check_goal(state, goal)?;
    // Only new links can close a cycle; a goal already in an imported cycle can still
    // be edited (the cycle itself is reported by the alignment-cycle rule).
    let links_before = state.goal(&goal.id).map(|(_, g)| g.supports.clone());
    if links_before.as_ref() != Some(&goal.supports) {
        refuse_supports_cycles(state, goal)?;
    }
    Ok(put(
        state,
        Section::Goal,
        &goal.id,
        Row::Goal(goal.clone()),
        "goal",
        &goal.title,
    ))
}

/// Plan adding a measure interaction, or replacing the `index`-th.
fn plan_interaction(
    state: &State,
    index: Option<usize>,
    interaction: &Interaction,
) -> Result<Plan> {
    check_interaction(state, interaction)?;
    let row = Row::Interaction(interaction.clone());
    match index {
        None => Ok(add_indexed(state, row, "Add a measure interaction".into())),
        Some(index) => update_indexed(
            state,
            index,
            row,
            "interaction",
            "Edit a measure interaction".into(),
        ),
    }
}

/// Plan adding a check-in, or replacing the `index`-th.
fn plan_check_in(state: &State, index: Option<usize>, check_in: &CheckIn) -> Result<Plan> {
    check_check_in(state, check_in)?;
    let row = Row::CheckIn(check_in.clone());
    let person = person_name(state, &check_in.person);
    match index {
        None => Ok(add_indexed(
            state,
            row,
            format!("Add a check-in for {person}"),
        )),
        Some(index) => update_indexed(
            state,
            index,
            row,
            "check-in",
            format!("Edit a check-in of {person}"),
        ),
    }
}

fn existing(state: &State, section: Section, id: &str) -> Option<(i64, Row)> {
    let pos = state.pos_of(id)?;
    let row = state.row_at(section, pos)?;
    Some((pos, row))
}

/// Create or replace an entity with an id.
fn put(state: &State, section: Section, id: &str, row: Row, noun: &str, name: &str) -> Plan {
    match existing(state, section, id) {
        Some((pos, old)) => Plan {
            label: format!("Edit {noun} “{name}”"),
            forward: vec![Op::Put { pos, row }],
            backward: vec![Op::Put { pos, row: old }],
            created: None,
        },
        None => {
            let pos = state.next_pos(section);
            Plan {
                label: format!("Create {noun} “{name}”"),
                forward: vec![Op::Put { pos, row }],
                backward: vec![Op::Remove { section, pos }],
                created: None,
            }
        }
    }
}

/// Whether a link edit adds a link (checked like any goal change) or removes one (which
/// cannot add a dangling reference or a cycle, and must stay possible inside an imported
/// cycle).
#[derive(Clone, Copy)]
enum Link {
    Add,
    Remove,
}

/// Which of a goal's id lists a link edit changes.
#[derive(Clone, Copy)]
enum LinkList {
    Supports,
    Values,
}

impl LinkList {
    /// The list in a goal.
    fn of(self, g: &mut Goal) -> &mut Option<Vec<String>> {
        match self {
            LinkList::Supports => &mut g.supports,
            LinkList::Values => &mut g.values,
        }
    }

    /// Why adding `item` to goal `g`'s list, or removing it, is refused: it is there, or
    /// it is not.
    fn refusal(self, link: Link, g: &Goal, item: &str) -> String {
        match (self, link) {
            (LinkList::Supports, Link::Add) => {
                format!("goal “{}” already supports \"{item}\"", g.title)
            }
            (LinkList::Supports, Link::Remove) => {
                format!("goal “{}” does not support \"{item}\"", g.title)
            }
            (LinkList::Values, Link::Add) => {
                format!("goal “{}” is already linked to \"{item}\"", g.title)
            }
            (LinkList::Values, Link::Remove) => {
                format!("goal “{}” is not linked to \"{item}\"", g.title)
            }
        }
    }

    /// The edit's label for the history.
    fn label(self, link: Link, state: &State, g: &Goal, item: &str) -> String {
        match (self, link) {
            (LinkList::Supports, Link::Add) => {
                format!("Link “{}” to {}", g.title, goal_title(state, item))
            }
            (LinkList::Supports, Link::Remove) => {
                format!("Unlink “{}” from {}", g.title, goal_title(state, item))
            }
            (LinkList::Values, Link::Add) => format!("Link “{}” to a value", g.title),
            (LinkList::Values, Link::Remove) => format!("Unlink “{}” from a value", g.title),
        }
    }
}

/// Plan adding `item` to, or removing it from, one of goal `id`'s id lists (`supports` or
/// `values`). Adding what is there, or removing what is not, is refused.
fn relink(state: &State, id: &str, link: Link, list: LinkList, item: &str) -> Result<Plan> {
    let (_, g) = goal_or_err(state, id)?;
    let mut changed = g.clone();
    let ids = list.of(&mut changed);
    let present = ids.as_deref().is_some_and(|l| l.iter().any(|s| s == item));
    match link {
        Link::Add if present => return Err(refused(list.refusal(link, g, item))),
        Link::Remove if !present => return Err(refused(list.refusal(link, g, item))),
        Link::Add => ids.get_or_insert_with(Vec::new).push(item.to_string()),
        Link::Remove => {
            if let Some(l) = ids {
                l.retain(|s| s != item);
            }
        }
    }
    if let Link::Add = link {
        check_goal(state, &changed)?;
        if changed.supports != g.supports {
            refuse_supports_cycles(state, &changed)?;
        }
    }
    let mut p = put(
        state,
        Section::Goal,
        id,
        Row::Goal(changed),
        "goal",
        &g.title,
    );
    p.label = list.label(link, state, g, item);
    Ok(p)
}

/// Append a row of a section addressed by index (interactions, check-ins).
fn add_indexed(state: &State, row: Row, label: String) -> Plan {
    let section = row.section();
    let pos = state.next_pos(section);
    Plan {
        label,
        forward: vec![Op::Put { pos, row }],
        backward: vec![Op::Remove { section, pos }],
        created: None,
    }
}

/// Replace the `index`-th row of a section addressed by index.
fn update_indexed(
    state: &State,
    index: usize,
    row: Row,
    noun: &str,
    label: String,
) -> Result<Plan> {
    let pos = indexed(state, row.section(), index, noun)?;
    let old = state.row_at(row.section(), pos).expect("indexed");
    Ok(Plan {
        label,
        forward: vec![Op::Put { pos, row }],
        backward: vec![Op::Put { pos, row: old }],
        created: None,
    })
}

/// Remove the `index`-th row of a section addressed by index.
fn delete_indexed(
    state: &State,
    section: Section,
    index: usize,
    noun: &str,
    label: String,
) -> Result<Plan> {
    let pos = indexed(state, section, index, noun)?;
    let old = state.row_at(section, pos).expect("indexed");
    Ok(Plan {
        label,
        forward: vec![Op::Remove { section, pos }],
        backward: vec![Op::Put { pos, row: old }],
        created: None,
    })
}

fn indexed(state: &State, section: Section, index: usize, noun: &str) -> Result<i64> {
    state
        .pos_at_index(section, index)
        .ok_or_else(|| refused(format!("there is no {noun} number {index}")))
}

fn person_name(state: &State, id: &str) -> String {
    state
        .person(id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

fn goal_title(state: &State, id: &str) -> String {
    state
        .goal(id)
        .map_or_else(|| format!("\"{id}\""), |(_, g)| format!("“{}”", g.title))
}

fn goal_or_err<'a>(state: &'a State, id: &str) -> Result<(i64, &'a Goal)> {
    state
        .goal(id)
        .ok_or_else(|| invalid(vec![Problem::new("goal", format!("no goal \"{id}\""))]))
}

fn check_goal(state: &State, goal: &Goal) -> Result<()> {
    let mut c = Checker::new(state, format!("goal \"{}\"", goal.id));
    c.id("id", &goal.id, K::Goal);
    c.text("title", state.name_of(&goal.id), &goal.title);
    c.reference("owner", &goal.owner, &[K::Person, K::Unit]);
    if let Some(s) = &goal.set_by {
        c.reference("set_by", s, &[K::Person, K::Unit]);
    }
    if let Some(m) = &goal.measure {
        c.reference("measure", m, &[K::Measure]);
    }
    if goal.target.is_some_and(|t| !t.is_finite()) {
        c.problem("target", "must be a finite number");
    }
    for (i, s) in goal.supports().iter().enumerate() {
        if *s != goal.id {
            c.reference(&format!("supports[{i}]"), s, &[K::Goal]);
        }
    }
    for (i, v) in goal.values().iter().enumerate() {
        c.reference(&format!("values[{i}]"), v, &[K::Value, K::Behaviour]);
    }
    c.finish()
}

fn check_interaction(state: &State, x: &Interaction) -> Result<()> {
    let mut c = Checker::new(state, "interaction");
    c.reference("from", &x.from, &[K::Measure]);
    c.reference("to", &x.to, &[K::Measure]);
    c.finish()
}

fn check_check_in(state: &State, x: &CheckIn) -> Result<()> {
    let mut c = Checker::new(state, "check-in");
    c.reference("person", &x.person, &[K::Person]);
    if let Some(w) = &x.with {
        c.reference("with", w, &[K::Person]);
    }
    c.finish()
}

/// Refuse a parent or manager link that would close a cycle: walking up from `start`
/// must never reach `id`.
fn refuse_chain_cycle(
    state: &State,
    id: &str,
    start: &str,
    what: &str,
    up: impl Fn(&str) -> Option<String>,
) -> Result<()> {
    let mut chain = vec![id.to_string(), start.to_string()];
    let mut cur = Some(start.to_string());
    let limit = state.map.units.len() + state.map.people.len() + 2;
    while let Some(c) = cur {
        if c == id {
            return Err(refused(format!(
                "that would make a cycle in {what}: {}",
                chain.join(" -> ")
            )));
        }
        if chain.len() > limit {
            break;
        }
        cur = up(&c);
        if let Some(n) = &cur {
            chain.push(n.clone());
        }
    }
    Ok(())
}

/// Refuse supports links that would make the goal support itself through a chain, naming
/// the chain by titles.
fn refuse_supports_cycles(state: &State, goal: &Goal) -> Result<()> {
    for target in goal.supports() {
        if let Some(path) = supports_path(state, target, &goal.id) {
            let mut names = vec![format!("“{}”", goal.title)];
            names.extend(path.iter().map(|id| {
                if *id == goal.id {
                    format!("“{}”", goal.title)
                } else {
                    goal_title(state, id)
                }
            }));
            return Err(refused(format!(
                "that link would make “{}” support itself: {}",
                goal.title,
                names.join(" → ")
            )));
        }
    }
    Ok(())
}

/// A chain of `supports` from `from` to `to` (both included), if there is one.
fn supports_path(state: &State, from: &str, to: &str) -> Option<Vec<String>> {
    use std::collections::{HashMap, VecDeque};
    let mut parent: HashMap<String, Option<String>> = HashMap::new();
    let mut queue = VecDeque::new();
    parent.insert(from.to_string(), None);
    queue.push_back(from.to_string());
    while let Some(cur) = queue.pop_front() {
        if cur == to {
            let mut path = vec![cur.clone()];
            let mut at = cur;
            while let Some(Some(p)) = parent.get(&at) {
                path.push(p.clone());
                at = p.clone();
            }
            path.reverse();
            return Some(path);
        }
        if let Some((_, g)) = state.goal(&cur) {
            for s in g.supports() {
                if !parent.contains_key(s) {
                    parent.insert(s.clone(), Some(cur.clone()));
                    queue.push_back(s.clone());
                }
            }
        }
    }
    None
}

fn goals_valuing<'a>(state: &'a State, id: &str) -> Vec<&'a Goal> {
    state
        .map
        .goals
        .iter()
        .filter(|g| g.values().iter().any(|v| v == id))
        .collect()
}

fn goal_list(goals: &[&Goal]) -> String {
    let mut names: Vec<String> = goals
        .iter()
        .take(3)
        .map(|g| format!("“{}”", g.title))
        .collect();
    if goals.len() > 3 {
        names.push(format!("{} more", goals.len() - 3));
    }
    let n = goals.len();
    format!(
        "{} goal{} ({})",
        n,
        if n == 1 { "" } else { "s" },
        names.join(", ")
    )
}

fn names<T>(items: &[&T], name: impl Fn(&T) -> &str) -> String {
    let mut out: Vec<String> = items.iter().take(3).map(|x| name(x).to_string()).collect();
    if items.len() > 3 {
        out.push(format!("{} more", items.len() - 3));
    }
    out.join(", ")
}

fn remove_plan(state: &State, section: Section, id: &str, noun: &str, name: &str) -> Result<Plan> {
    let (pos, old) = existing(state, section, id)
        .ok_or_else(|| refused(format!("there is no {noun} \"{id}\"")))?;
    Ok(Plan {
        label: format!("Delete {noun} “{name}”"),
        forward: vec![Op::Remove { section, pos }],
        backward: vec![Op::Put { pos, row: old }],
        created: None,
    })
}

fn delete_unit(state: &State, id: &str) -> Result<Plan> {
    let unit = state
        .unit(id)
        .ok_or_else(|| refused(format!("there is no unit \"{id}\"")))?;
    let m = &state.map;
    let mut blockers = Vec::new();
    let children: Vec<&Unit> = m
        .units
        .iter()
        .filter(|u| u.parent.as_deref() == Some(id))
        .collect();
    if !children.is_empty() {
        blockers.push(format!("the parent of {}", names(&children, |u| &u.name)));
    }
    let people: Vec<&Person> = m.people.iter().filter(|p| p.unit == id).collect();
    if !people.is_empty() {
        blockers.push(format!("the unit of {}", names(&people, |p| &p.name)));
    }
    let goals: Vec<&Goal> = m
        .goals
        .iter()
        .filter(|g| g.owner == id || g.set_by.as_deref() == Some(id))
        .collect();
    if !goals.is_empty() {
        blockers.push(format!("owner or setter of {}", goal_list(&goals)));
    }
    if m.organisation.focus_function.as_deref() == Some(id) {
        blockers.push("the organisation's focus function".into());
    }
    if !blockers.is_empty() {
        return Err(refused(format!(
            "{} is still {}; move or delete those first",
            unit.name,
            blockers.join("; ")
        )));
    }
    remove_plan(state, Section::Unit, id, "unit", &unit.name)
}

fn delete_person(state: &State, id: &str) -> Result<Plan> {
    let m = &state.map;
    let person = m
        .people
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| refused(format!("there is no person \"{id}\"")))?;
    let mut blockers = Vec::new();
    let reports: Vec<&Person> = m
        .people
        .iter()
        .filter(|p| p.manager.as_deref() == Some(id))
        .collect();
    if !reports.is_empty() {
        blockers.push(format!("the manager of {}", names(&reports, |p| &p.name)));
    }
    let goals: Vec<&Goal> = m
        .goals
        .iter()
        .filter(|g| g.owner == id || g.set_by.as_deref() == Some(id))
        .collect();
    if !goals.is_empty() {
        blockers.push(format!("owner or setter of {}", goal_list(&goals)));
    }
    let check_ins = m
        .check_ins
        .iter()
        .filter(|c| c.person == id || c.with.as_deref() == Some(id))
        .count();
    if check_ins > 0 {
        blockers.push(format!(
            "in {check_ins} check-in{}",
            if check_ins == 1 { "" } else { "s" }
        ));
    }
    if !blockers.is_empty() {
        return Err(refused(format!(
            "{} is still {}; reassign or delete those first",
            person.name,
            blockers.join("; ")
        )));
    }
    remove_plan(state, Section::Person, id, "person", &person.name)
}

fn delete_value(state: &State, id: &str) -> Result<Plan> {
    let (pos, old) = existing(state, Section::Value, id)
        .ok_or_else(|| refused(format!("there is no value \"{id}\"")))?;
    let Row::Value(value) = &old else {
        unreachable!("a value row")
    };
    // Goals linked to the value or its behaviours are unlinked with it (undo relinks them).
    let mut ids: Vec<&str> = vec![id];
    ids.extend(value.behaviours().iter().map(|b| b.id.as_str()));
    let mut forward = Vec::new();
    let mut backward = Vec::new();
    for (gpos, g) in state.pos.goals.iter().zip(&state.map.goals) {
        if g.values().iter().any(|v| ids.contains(&v.as_str())) {
            let mut changed = g.clone();
            if let Some(list) = &mut changed.values {
                list.retain(|v| !ids.contains(&v.as_str()));
            }
            forward.push(Op::Put {
                pos: *gpos,
                row: Row::Goal(changed),
            });
            backward.push(Op::Put {
                pos: *gpos,
                row: Row::Goal(g.clone()),
            });
        }
    }
    forward.push(Op::Remove {
        section: Section::Value,
        pos,
    });
    backward.insert(
        0,
        Op::Put {
            pos,
            row: old.clone(),
        },
    );
    Ok(Plan {
        label: format!("Delete value “{}”", value.name),
        forward,
        backward,
        created: None,
    })
}

fn delete_measure(state: &State, id: &str) -> Result<Plan> {
    let m = &state.map;
    let measure = m
        .measures
        .iter()
        .find(|x| x.id == id)
        .ok_or_else(|| refused(format!("there is no measure \"{id}\"")))?;
    let goals: Vec<&Goal> = m
        .goals
        .iter()
        .filter(|g| g.measure.as_deref() == Some(id))
        .collect();
    if !goals.is_empty() {
        return Err(refused(format!(
            "measure “{}” is still the measure of {}; change or delete those first",
            measure.name,
            goal_list(&goals)
        )));
    }
    // Its interactions go with it (undo brings them back).
    let mut forward = Vec::new();
    let mut backward = Vec::new();
    for (ipos, x) in state.pos.interactions.iter().zip(&m.interactions) {
        if x.from == id || x.to == id {
            forward.push(Op::Remove {
                section: Section::Interaction,
                pos: *ipos,
            });
            backward.push(Op::Put {
                pos: *ipos,
                row: Row::Interaction(x.clone()),
            });
        }
    }
    let mut p = remove_plan(state, Section::Measure, id, "measure", &measure.name)?;
    forward.append(&mut p.forward);
    p.backward.append(&mut backward);
    p.forward = forward;
    Ok(p)
}

fn delete_goal(state: &State, id: &str) -> Result<Plan> {
    let (pos, goal) = state
        .goal(id)
        .ok_or_else(|| refused(format!("there is no goal \"{id}\"")))?;
    // Goals that support it are unlinked from it (undo relinks them).
    let mut forward = Vec::new();
    let mut backward = vec![Op::Put {
        pos,
        row: Row::Goal(goal.clone()),
    }];
    for (gpos, g) in state.pos.goals.iter().zip(&state.map.goals) {
        if g.id != id && g.supports().iter().any(|s| s == id) {
            let mut changed = g.clone();
            if let Some(list) = &mut changed.supports {
                list.retain(|s| s != id);
            }
            forward.push(Op::Put {
                pos: *gpos,
                row: Row::Goal(changed),
            });
            backward.push(Op::Put {
                pos: *gpos,
                row: Row::Goal(g.clone()),
            });
        }
    }
    forward.push(Op::Remove {
        section: Section::Goal,
        pos,
    });
    Ok(Plan {
        label: format!("Delete goal “{}”", goal.title),
        forward,
        backward,
        created: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_readable_and_unique() {
        let mut map = Map::new("Acme");
        map.units.push(Unit {
            id: "g-win-rate-30".into(),
            name: "A unit that took the id".into(),
            kind: UnitKind::Organisation,
            parent: None,
        });
        let state = State::from_map(map);
        assert_eq!(new_id(&state, "g-", "Win rate 30%", &[]), "g-win-rate-30-2");
        assert_eq!(new_id(&state, "", "Ünïcödé  goal!", &[]), "unicode-goal");
        assert_eq!(new_id(&state, "", "!!!", &[]), "item");
        assert_eq!(new_id(&state, "p-", "売上", &[]), "p-item");
        assert_eq!(new_id(&state, "x-", "a", &["x-a"]), "x-a-2");
        assert!(new_id(&state, "", &"long words ".repeat(20), &[]).len() <= 41);
    }
}
