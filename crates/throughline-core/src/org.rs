//! The map's index and every derived term of the spec, computed once, in one place.
//!
//! [`Org::new`] indexes a *valid* map (see [`crate::format::read_map`] and
//! [`crate::validate`]): every id, the unit forest, the owners, setters and measures of
//! goals and the `supports` links both ways, and the spec's derived terms (owner unit,
//! function, setter unit, manager chain, in line / imposed, aligned, scope). Rules only
//! read an `Org`. An edit of one goal patches the index in place ([`Org::rebind_goal`])
//! instead of building it again.

use crate::model::{Effect, Map, MeasureKind, UnitKind};
use rustc_hash::FxHashSet;
use std::cell::Cell;
use std::hash::BuildHasher;
use std::sync::Arc;

thread_local! {
    static BUILDS: Cell<u64> = const { Cell::new(0) };
}

/// How many times [`Org::new`] has run on this thread: lets a test hold the app to one
/// index build per change.
pub fn builds_on_this_thread() -> u64 {
    BUILDS.with(Cell::get)
}

/// An owner or setter: a person or a unit, by index into `map.people` / `map.units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Party {
    Person(u32),
    Unit(u32),
}

/// Which of the goals' index terms a change touched, or which a rule reads: a small set.
///
/// An edit of one goal patches the index ([`Org::rebind_goal`]), which says which terms
/// it changed; a rule declares the terms its `check` reads (`reads:` in `rule!`), so the
/// analysis re-runs only the rules the change can reach ([`crate::analysis::Reach`]).
/// Each term covers what is derived from it: [`Terms::OWNER`] also the owner's unit,
/// function, scope and the goal lists of people and units; [`Terms::OWNER`] and
/// [`Terms::SETTER`] together "in line".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Terms(u8);

impl Terms {
    pub const NONE: Terms = Terms(0);
    /// Who owns a goal (and so its owner unit and function, the goals of each party).
    pub const OWNER: Terms = Terms(1);
    /// Who set a goal (its setter and setter unit).
    pub const SETTER: Terms = Terms(1 << 1);
    /// A goal's measure (and the goals of each measure).
    pub const MEASURE: Terms = Terms(1 << 2);
    /// A goal's `supports` links (both ways).
    pub const SUPPORTS: Terms = Terms(1 << 3);
    /// Which goals are aligned (anywhere: a link or a value can change it far away).
    pub const ALIGNED: Terms = Terms(1 << 4);
    /// Whether a goal is strategy (its level).
    pub const STRATEGY: Terms = Terms(1 << 5);
    /// Whether a goal carries values.
    pub const VALUES: Terms = Terms(1 << 6);
    /// Every term: what a rule that declares nothing is taken to read.
    pub const ALL: Terms = Terms(0x7f);

    /// The union of `terms`.
    pub const fn of(terms: &[Terms]) -> Terms {
        let mut bits = 0;
        let mut i = 0;
        while i < terms.len() {
            bits |= terms[i].0;
            i += 1;
        }
        Terms(bits)
    }

    pub const fn union(self, other: Terms) -> Terms {
        Terms(self.0 | other.0)
    }

    pub const fn intersects(self, other: Terms) -> bool {
        self.0 & other.0 != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The kinds of things that carry an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    Unit,
    Person,
    Value,
    Behaviour,
    Measure,
    Goal,
}

impl EntityKind {
    pub fn noun(self) -> &'static str {
        match self {
            EntityKind::Unit => "unit",
            EntityKind::Person => "person",
            EntityKind::Value => "value",
            EntityKind::Behaviour => "behaviour",
            EntityKind::Measure => "measure",
            EntityKind::Goal => "goal",
        }
    }
    pub fn article(self) -> &'static str {
        match self {
            EntityKind::Unit => "a unit",
            EntityKind::Person => "a person",
            EntityKind::Value => "a value",
            EntityKind::Behaviour => "a behaviour",
            EntityKind::Measure => "a measure",
            EntityKind::Goal => "a goal",
        }
    }
}

impl Node {
    /// What kind of thing it is.
    pub fn kind(self) -> EntityKind {
        match self {
            Node::Unit(_) => EntityKind::Unit,
            Node::Person(_) => EntityKind::Person,
            Node::Value(_) => EntityKind::Value,
            Node::Behaviour(..) => EntityKind::Behaviour,
            Node::Measure(_) => EntityKind::Measure,
            Node::Goal(_) => EntityKind::Goal,
        }
    }
}

/// What patching the index for one goal changed ([`Org::rebind_goal`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalChange {
    pub goal: u32,
    /// The terms that changed.
    pub terms: Terms,
    /// Who owned the goal before (its owner now is the index's).
    pub owner_before: Party,
}

impl From<Party> for Node {
    fn from(p: Party) -> Node {
        match p {
            Party::Person(i) => Node::Person(i),
            Party::Unit(u) => Node::Unit(u),
        }
    }
}

/// An entity of the map: which section, and the index in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Unit(u32),
    Person(u32),
    Value(u32),
    /// (value index, behaviour index within the value)
    Behaviour(u32, u32),
    Measure(u32),
    Goal(u32),
}

/// The indexed map with its derived terms. It shares the map (`Arc`), so an analysed
/// revision can hold the map, its index and its findings together.
pub struct Org {
    pub map: Arc<Map>,
    /// Where each section starts in the dense numbering of every entity
    /// ([`Org::node_index`]): units, people, values, behaviours, measures, goals.
    bases: [u32; 6],
    /// How many entities the map has.
    nodes: u32,
    /// Per value, the place of its first behaviour among the behaviours.
    behaviour_bases: Vec<u32>,

    /// Every id of the document and what it names (see [`IdIndex`]).
    ids: IdIndex,

    pub unit_parent: Vec<Option<u32>>,
    /// Nearest unit of kind `function` among the unit and its ancestors.
    pub unit_function: Vec<Option<u32>>,
    /// Pre/post order numbers of the unit forest, for O(1) ancestor tests.
    unit_tin: Vec<u32>,
    unit_tout: Vec<u32>,
    pub person_unit: Vec<u32>,
    pub person_manager: Vec<Option<u32>>,

    pub goal_owner: Vec<Party>,
    pub goal_setter: Vec<Party>,
    pub goal_owner_unit: Vec<u32>,
    pub goal_setter_unit: Vec<u32>,
    pub goal_measure: Vec<Option<u32>>,
    pub goal_supports: Vec<Vec<u32>>,
    /// The goals that support each goal directly, latest in document order first.
    goal_supporters: Vec<Vec<u32>>,
    /// The spec's "in line": set by the owner, by someone in the owner's manager chain,
    /// or by the owner unit or one of its ancestors. Not in line = imposed.
    pub in_line: Vec<bool>,
    /// The spec's "aligned": strategy, or carries values, or supports an aligned goal.
    pub aligned: Vec<bool>,
    /// Per goal: strategy (its level), and carrying values: where "aligned" starts, kept
    /// so that a patch of one goal can tell whether either changed.
    goal_strategy: Vec<bool>,
    goal_valued: Vec<bool>,

    /// Goals owned by each person / each unit (directly), in document order.
    pub person_goals: Vec<Vec<u32>>,
    pub unit_goals: Vec<Vec<u32>>,
    pub goals_by_measure: Vec<Vec<u32>>,
    /// Distinct (effect, other measure) pairs going out of each measure.
    pub measure_out: Vec<Vec<(Effect, u32)>>,
    undermines: FxHashSet<(u32, u32)>,
}

impl Org {
    /// Index a valid map. Panics on dangling references: validate first.
    pub fn new(shared: Arc<Map>) -> Self {
        let ids = IdIndex::new(&shared);
        Org::with_ids(shared, ids)
    }

    /// Index a valid map whose ids are indexed already (by validation, or by the workspace
    /// store, which keeps its index up to date): the index is kept, not built again.
    pub fn with_ids(shared: Arc<Map>, ids: IdIndex) -> Self {
        debug_assert!(ids.duplicates().is_empty(), "validate the map first");
        BUILDS.with(|b| b.set(b.get() + 1));
        let map: &Map = &shared;
        let n_units = map.units.len();
        let n_people = map.people.len();
        let n_goals = map.goals.len();

        let unit_ix = |id: &str| match ids.get(map, id) {
            Some(Node::Unit(u)) => u,
            _ => panic!("no unit {id:?}: validate the map first"),
        };
        let person_ix = |id: &str| match ids.get(map, id) {
            Some(Node::Person(p)) => p,
            _ => panic!("no person {id:?}: validate the map first"),
        };

        let unit_parent: Vec<Option<u32>> = map
            .units
            .iter()
            .map(|u| u.parent.as_deref().map(unit_ix))
            .collect();
        let person_unit: Vec<u32> = map.people.iter().map(|p| unit_ix(&p.unit)).collect();
        let person_manager: Vec<Option<u32>> = map
            .people
            .iter()
            .map(|p| p.manager.as_deref().map(person_ix))
            .collect();

        // Unit forest: children lists, Euler tour, functions top-down.
        let mut children: Vec<Vec<u32>> = vec![Vec::new(); n_units];
        let mut roots = Vec::new();
        for (i, p) in unit_parent.iter().enumerate() {
            match p {
                Some(p) => children[*p as usize].push(i as u32),
                None => roots.push(i as u32),
            }
        }
        let mut unit_tin = vec![0u32; n_units];
        let mut unit_tout = vec![0u32; n_units];
        let mut unit_function: Vec<Option<u32>> = vec![None; n_units];
        let mut clock = 0u32;
        let mut stack: Vec<(u32, bool)> = roots.iter().rev().map(|&r| (r, false)).collect();
        while let Some((u, done)) = stack.pop() {
            let ui = u as usize;
            if done {
                unit_tout[ui] = clock;
                clock += 1;
                continue;
            }
            unit_tin[ui] = clock;
            clock += 1;
            unit_function[ui] = if map.units[ui].kind == UnitKind::Function {
                Some(u)
            } else {
                unit_parent[ui].and_then(|p| unit_function[p as usize])
            };
            stack.push((u, true));
            for &c in children[ui].iter().rev() {
                stack.push((c, false));
            }
        }

        let mut goal_owner = Vec::with_capacity(n_goals);
        let mut goal_setter = Vec::with_capacity(n_goals);
        let mut goal_owner_unit = Vec::with_capacity(n_goals);
        let mut goal_setter_unit = Vec::with_capacity(n_goals);
        let mut goal_measure = Vec::with_capacity(n_goals);
        let mut goal_supports = Vec::with_capacity(n_goals);
        let mut person_goals: Vec<Vec<u32>> = vec![Vec::new(); n_people];
        let mut unit_goals: Vec<Vec<u32>> = vec![Vec::new(); n_units];
        let mut goals_by_measure: Vec<Vec<u32>> = vec![Vec::new(); map.measures.len()];
        for (gi, g) in map.goals.iter().enumerate() {
            let t = GoalTerms::of(&ids, map, &person_unit, g);
            goal_owner.push(t.owner);
            goal_setter.push(t.setter);
            goal_owner_unit.push(t.owner_unit);
            goal_setter_unit.push(t.setter_unit);
            if let Some(m) = t.measure {
                goals_by_measure[m as usize].push(gi as u32);
            }
            goal_measure.push(t.measure);
            goal_supports.push(t.supports);
            match t.owner {
                Party::Person(p) => person_goals[p as usize].push(gi as u32),
                Party::Unit(u) => unit_goals[u as usize].push(gi as u32),
            }
        }
        // Latest first in document order (the order the rules and the view read them in).
        let mut goal_supporters: Vec<Vec<u32>> = vec![Vec::new(); n_goals];
        for (gi, supports) in goal_supports.iter().enumerate().rev() {
            for &s in supports {
                // Once, however often the goal names it.
                if goal_supporters[s as usize].last() != Some(&(gi as u32)) {
                    goal_supporters[s as usize].push(gi as u32);
                }
            }
        }

        let mut measure_out: Vec<Vec<(Effect, u32)>> = vec![Vec::new(); map.measures.len()];
        let mut undermines = FxHashSet::default();
        for x in &map.interactions {
            let (f, t) = (measure_ix(&ids, map, &x.from), measure_ix(&ids, map, &x.to));
            if !measure_out[f as usize].contains(&(x.effect, t)) {
                measure_out[f as usize].push((x.effect, t));
            }
            if x.effect == Effect::Undermines {
                undermines.insert((f, t));
            }
        }

        let sizes = section_sizes(map);
        let mut bases = [0u32; 6];
        for i in 1..6 {
            bases[i] = bases[i - 1] + sizes[i - 1];
        }
        let behaviour_bases = map
            .values
            .iter()
            .scan(0u32, |next, v| {
                let base = *next;
                *next += v.behaviours().len() as u32;
                Some(base)
            })
            .collect();

        let mut org = Org {
            map: shared.clone(),
            bases,
            nodes: bases[5] + sizes[5],
            behaviour_bases,
            ids,
            unit_parent,
            unit_function,
            unit_tin,
            unit_tout,
            person_unit,
            person_manager,
            goal_owner,
            goal_setter,
            goal_owner_unit,
            goal_setter_unit,
            goal_measure,
            goal_supports,
            goal_supporters,
            in_line: Vec::new(),
            aligned: Vec::new(),
            goal_strategy: map.goals.iter().map(|g| g.is_strategy()).collect(),
            goal_valued: map.goals.iter().map(|g| !g.values().is_empty()).collect(),
            person_goals,
            unit_goals,
            goals_by_measure,
            measure_out,
            undermines,
        };
        org.in_line = (0..n_goals as u32)
            .map(|g| org.compute_in_line(g))
            .collect();
        org.aligned = org.compute_aligned();
        org
    }

    /// Point this index at `map`, a later version of the map it was built from in which
    /// only goal `g` changed — any of its fields, its id and place kept — and patch what
    /// the goal's owner, setter, measure and `supports` derive: its own terms, the goal
    /// lists of its old and new owner and measure, the supporters of the goals it left and
    /// joined, and which goals are aligned. Equal to `Org::new(map)` (a test holds it to
    /// that) at a small part of its cost: the edits of a workshop mostly change one goal.
    /// Says which terms changed, and who owned the goal before.
    pub fn rebind_goal(&mut self, map: Arc<Map>, g: u32) -> GoalChange {
        debug_assert_eq!(map.goals.len(), self.goal_owner.len());
        self.map = map;
        let map = self.map.clone();
        let gi = g as usize;
        let goal = &map.goals[gi];
        let t = GoalTerms::of(&self.ids, &map, &self.person_unit, goal);
        let mut changed = Terms::NONE;
        let mut touch = |term: Terms, differs: bool| {
            if differs {
                changed = changed.union(term);
            }
        };
        touch(Terms::OWNER, self.goal_owner[gi] != t.owner);
        touch(Terms::SETTER, self.goal_setter[gi] != t.setter);
        touch(Terms::MEASURE, self.goal_measure[gi] != t.measure);
        touch(Terms::SUPPORTS, self.goal_supports[gi] != t.supports);
        touch(
            Terms::STRATEGY,
            self.goal_strategy[gi] != goal.is_strategy(),
        );
        touch(
            Terms::VALUES,
            self.goal_valued[gi] == goal.values().is_empty(),
        );

        let (old_owner, old_measure) = (self.goal_owner[gi], self.goal_measure[gi]);
        if old_owner != t.owner {
            remove_sorted(self.goals_of_mut(old_owner), g);
            insert_sorted(self.goals_of_mut(t.owner), g);
        }
        if old_measure != t.measure {
            if let Some(m) = old_measure {
                remove_sorted(&mut self.goals_by_measure[m as usize], g);
            }
            if let Some(m) = t.measure {
                insert_sorted(&mut self.goals_by_measure[m as usize], g);
            }
        }
        let old_supports = std::mem::replace(&mut self.goal_supports[gi], t.supports);
        if old_supports != self.goal_supports[gi] {
            for s in old_supports {
                let list = &mut self.goal_supporters[s as usize];
                if let Some(at) = list.iter().position(|&x| x == g) {
                    list.remove(at);
                }
            }
            for &s in &self.goal_supports[gi] {
                let list = &mut self.goal_supporters[s as usize];
                // Latest first, as `Org::new` lists them.
                let at = list.partition_point(|&x| x > g);
                if list.get(at) != Some(&g) {
                    list.insert(at, g);
                }
            }
        }
        self.goal_owner[gi] = t.owner;
        self.goal_setter[gi] = t.setter;
        self.goal_owner_unit[gi] = t.owner_unit;
        self.goal_setter_unit[gi] = t.setter_unit;
        self.goal_measure[gi] = t.measure;
        self.goal_strategy[gi] = goal.is_strategy();
        self.goal_valued[gi] = !goal.values().is_empty();
        self.in_line[gi] = self.compute_in_line(g);
        // A link, a value or a level can change which goals reach the strategy anywhere.
        if changed.intersects(Terms::of(&[
            Terms::SUPPORTS,
            Terms::STRATEGY,
            Terms::VALUES,
        ])) {
            let aligned = self.compute_aligned();
            if aligned != self.aligned {
                changed = changed.union(Terms::ALIGNED);
                self.aligned = aligned;
            }
        }
        GoalChange {
            goal: g,
            terms: changed,
            owner_before: old_owner,
        }
    }

    fn goals_of_mut(&mut self, p: Party) -> &mut Vec<u32> {
        match p {
            Party::Person(i) => &mut self.person_goals[i as usize],
            Party::Unit(u) => &mut self.unit_goals[u as usize],
        }
    }

    /// Give up this index's share of its map (so the map's owner can change it in place),
    /// keeping the index itself for [`Org::rebind`].
    pub fn release_map(&mut self) {
        self.map = Arc::new(Map::new(String::new()));
    }

    /// Point this index at `map`, a later version of the map it was built from in which no
    /// structural field changed: the same ids in the same places, and the same owners,
    /// setters, measures, `supports`, values and levels of goals, units and parents of
    /// units, units and managers of people, and interactions. Titles, targets, dates,
    /// statuses, names and notes may differ (the index reads them from the map). Cheaper
    /// than [`Org::new`] by the whole build; [`Org::keeps_structure`] says when it applies.
    pub fn rebind(&mut self, map: Arc<Map>) {
        debug_assert_eq!(map.goals.len(), self.goal_owner.len());
        debug_assert_eq!(map.people.len(), self.person_unit.len());
        debug_assert_eq!(map.units.len(), self.unit_parent.len());
        self.map = map;
    }

    /// Would replacing person `new.id` with `new` keep this index valid ([`Org::rebind`])?
    pub fn person_keeps_structure(&self, new: &crate::model::Person) -> bool {
        self.person_index(&new.id).is_some_and(|p| {
            let old = &self.map.people[p as usize];
            old.unit == new.unit && old.manager == new.manager
        })
    }

    /// Would replacing goal `new.id` with `new` change only its title? No rule, count or
    /// order reads a title (messages do, and they are written from the map when asked for),
    /// so the findings stay as they are.
    pub fn goal_changes_only_wording(&self, new: &crate::model::Goal) -> bool {
        self.goal_index(&new.id).is_some_and(|g| {
            let mut old = self.map.goals[g as usize].clone();
            old.title.clone_from(&new.title);
            old == *new
        })
    }

    /// Would replacing person `new.id` with `new` change only their name, role or e-mail,
    /// which no rule, count or order reads?
    pub fn person_changes_only_wording(&self, new: &crate::model::Person) -> bool {
        self.person_index(&new.id).is_some_and(|p| {
            let mut old = self.map.people[p as usize].clone();
            old.name.clone_from(&new.name);
            old.role.clone_from(&new.role);
            old.email.clone_from(&new.email);
            old == *new
        })
    }

    /// The place of any entity in one dense numbering below [`Org::node_count`], for tables
    /// indexed by node.
    pub fn node_index(&self, n: Node) -> usize {
        let (base, i) = match n {
            Node::Unit(i) => (0, i),
            Node::Person(i) => (1, i),
            Node::Value(i) => (2, i),
            Node::Behaviour(v, b) => (3, self.behaviour_bases[v as usize] + b),
            Node::Measure(i) => (4, i),
            Node::Goal(i) => (5, i),
        };
        self.bases[base] as usize + i as usize
    }

    /// How many entities the map has: the bound of [`Org::node_index`].
    pub fn node_count(&self) -> usize {
        self.nodes as usize
    }

    /// Goals that `goal` supports directly, the last of its `supports` first.
    pub fn supported_by(&self, goal: u32) -> impl Iterator<Item = u32> + '_ {
        self.goal_supports[goal as usize].iter().rev().copied()
    }

    /// Goals that directly support `goal`, the latest in document order first.
    pub fn supporters(&self, goal: u32) -> impl Iterator<Item = u32> + '_ {
        self.goal_supporters[goal as usize].iter().copied()
    }

    /// Is `a` the unit `b` or one of its ancestors?
    pub fn unit_is_ancestor_or_self(&self, a: u32, b: u32) -> bool {
        let (a, b) = (a as usize, b as usize);
        self.unit_tin[a] <= self.unit_tin[b] && self.unit_tout[b] <= self.unit_tout[a]
    }

    pub fn party_unit(&self, p: Party) -> u32 {
        match p {
            Party::Person(i) => self.person_unit[i as usize],
            Party::Unit(u) => u,
        }
    }

    /// Function of a person or unit.
    pub fn party_function(&self, p: Party) -> Option<u32> {
        self.unit_function[self.party_unit(p) as usize]
    }

    pub fn person_function(&self, p: u32) -> Option<u32> {
        self.unit_function[self.person_unit[p as usize] as usize]
    }

    pub fn goal_owner_function(&self, g: u32) -> Option<u32> {
        self.unit_function[self.goal_owner_unit[g as usize] as usize]
    }

    /// Function of any id: a goal's owner's, a person's, a unit's; none for values,
    /// behaviours, measures and unknown ids.
    pub fn function_of(&self, id: &str) -> Option<u32> {
        self.function_of_node(self.lookup(id)?)
    }

    /// Function of a node: a goal's owner's, a person's, a unit's; none for values,
    /// behaviours and measures.
    pub fn function_of_node(&self, n: Node) -> Option<u32> {
        match n {
            Node::Goal(g) => self.goal_owner_function(g),
            Node::Person(p) => self.person_function(p),
            Node::Unit(u) => self.unit_function[u as usize],
            _ => None,
        }
    }

    /// The manager chain of a person: their manager, that manager's manager, and so on.
    pub fn manager_chain(&self, person: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(self.person_manager[person as usize], |&m| {
            self.person_manager[m as usize]
        })
    }

    fn compute_in_line(&self, g: u32) -> bool {
        let gi = g as usize;
        let (owner, setter) = (self.goal_owner[gi], self.goal_setter[gi]);
        if owner == setter {
            return true;
        }
        if let (Party::Person(o), Party::Person(s)) = (owner, setter) {
            if self.manager_chain(o).any(|m| m == s) {
                return true;
            }
        }
        self.unit_is_ancestor_or_self(self.goal_setter_unit[gi], self.goal_owner_unit[gi])
    }

    /// A goal is aligned when it is strategy, carries values, or supports (through any chain,
    /// cycles included) an aligned goal: a reverse search from the first two kinds.
    fn compute_aligned(&self) -> Vec<bool> {
        let n = self.map.goals.len();
        let mut aligned = vec![false; n];
        let mut queue: Vec<u32> = Vec::new();
        for (i, a) in aligned.iter_mut().enumerate() {
            if self.goal_strategy[i] || self.goal_valued[i] {
                *a = true;
                queue.push(i as u32);
            }
        }
        while let Some(g) = queue.pop() {
            for s in self.supporters(g) {
                if !aligned[s as usize] {
                    aligned[s as usize] = true;
                    queue.push(s);
                }
            }
        }
        aligned
    }

    /// Is goal `g` in the scope of person `p`? Their own goals, and goals owned by their unit
    /// and its ancestors up to and including their function unit (only their unit when they
    /// have no function).
    pub fn in_scope(&self, p: u32, g: u32) -> bool {
        match self.goal_owner[g as usize] {
            Party::Person(o) => o == p,
            Party::Unit(u) => self.unit_in_scope(p, u),
        }
    }

    fn unit_in_scope(&self, p: u32, u: u32) -> bool {
        let pu = self.person_unit[p as usize];
        match self.person_function(p) {
            Some(f) => self.unit_is_ancestor_or_self(u, pu) && self.unit_is_ancestor_or_self(f, u),
            None => u == pu,
        }
    }

    /// The units whose goals are in a person's scope, from their own unit upwards.
    pub fn scope_units(&self, p: u32) -> Vec<u32> {
        let pu = self.person_unit[p as usize];
        let Some(f) = self.person_function(p) else {
            return vec![pu];
        };
        let mut out = vec![pu];
        let mut cur = pu;
        while cur != f {
            match self.unit_parent[cur as usize] {
                Some(parent) => {
                    out.push(parent);
                    cur = parent;
                }
                None => break,
            }
        }
        out
    }

    /// Does measure `a` undermine measure `b`?
    pub fn undermines(&self, a: u32, b: u32) -> bool {
        self.undermines.contains(&(a, b))
    }

    /// The display name of any id: a goal's title, a person's, unit's, value's, behaviour's
    /// or measure's name.
    pub fn name_of(&self, id: &str) -> Option<&str> {
        let map = &*self.map;
        Some(match self.lookup(id)? {
            Node::Goal(g) => &map.goals[g as usize].title,
            Node::Person(p) => &map.people[p as usize].name,
            Node::Unit(u) => &map.units[u as usize].name,
            Node::Value(v) => &map.values[v as usize].name,
            Node::Behaviour(v, b) => &map.values[v as usize].behaviours()[b as usize].name,
            Node::Measure(m) => &map.measures[m as usize].name,
        })
    }

    /// What an id names, if anything.
    pub fn lookup(&self, id: &str) -> Option<Node> {
        self.ids.get(&self.map, id)
    }

    pub fn goal_index(&self, id: &str) -> Option<u32> {
        match self.lookup(id)? {
            Node::Goal(g) => Some(g),
            _ => None,
        }
    }

    pub fn person_index(&self, id: &str) -> Option<u32> {
        match self.lookup(id)? {
            Node::Person(p) => Some(p),
            _ => None,
        }
    }

    pub fn unit_index(&self, id: &str) -> Option<u32> {
        match self.lookup(id)? {
            Node::Unit(u) => Some(u),
            _ => None,
        }
    }

    pub fn measure_kind(&self, m: u32) -> MeasureKind {
        self.map.measures[m as usize].kind
    }

    /// Display name of a party: the person's or unit's name.
    pub fn party_name(&self, p: Party) -> &str {
        match p {
            Party::Person(i) => &self.map.people[i as usize].name,
            Party::Unit(u) => &self.map.units[u as usize].name,
        }
    }

    pub fn party_id(&self, p: Party) -> &str {
        match p {
            Party::Person(i) => &self.map.people[i as usize].id,
            Party::Unit(u) => &self.map.units[u as usize].id,
        }
    }

    /// Ancestors of a unit, nearest first, the unit itself included.
    pub fn unit_and_ancestors(&self, u: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(u), |&x| self.unit_parent[x as usize])
    }
}

/// Every id of a map and what it names: a hash table of nodes keyed by the id strings the
/// map itself holds, so it borrows nothing and copies no string. The one index of ids:
/// validation reads it (and its duplicates), `Org` keeps it, and the workspace store keeps
/// one up to date as rows come and go (`insert`, `remove`, `renumber`).
#[derive(Clone)]
pub struct IdIndex {
    table: hashbrown::HashTable<Node>,
    hasher: rustc_hash::FxBuildHasher,
    /// Ids met again after their first holder, in document order: (the first, the other).
    duplicates: Vec<(Node, Node)>,
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdIndex")
            .field("ids", &self.table.len())
            .field("duplicates", &self.duplicates)
            .finish()
    }
}

impl IdIndex {
    /// Index every id of `map`, in document order (units, people, values with their
    /// behaviours, measures, goals); an id met again stays with its first holder and is
    /// listed in [`IdIndex::duplicates`].
    pub fn new(map: &Map) -> Self {
        let behaviours: usize = map.values.iter().map(|v| v.behaviours().len()).sum();
        let mut ids = IdIndex {
            table: hashbrown::HashTable::with_capacity(
                map.units.len()
                    + map.people.len()
                    + map.goals.len()
                    + map.values.len()
                    + behaviours
                    + map.measures.len(),
            ),
            hasher: rustc_hash::FxBuildHasher,
            duplicates: Vec::new(),
        };
        for (_, n) in every_id(map) {
            ids.add(map, n);
        }
        ids
    }

    /// Index `n`, an entity of `map`; a taken id is listed as a duplicate instead.
    fn add(&mut self, map: &Map, n: Node) {
        let id = id_of(map, n);
        let h = self.hasher.hash_one(id);
        match self.table.find(h, |&x| id_of(map, x) == id) {
            Some(&first) => self.duplicates.push((first, n)),
            None => {
                let hasher = self.hasher;
                self.table
                    .insert_unique(h, n, |&x| hasher.hash_one(id_of(map, x)));
            }
        }
    }

    /// What `id` names in `map` (the map this index was built from).
    pub fn get(&self, map: &Map, id: &str) -> Option<Node> {
        self.table
            .find(self.hasher.hash_one(id), |&n| id_of(map, n) == id)
            .copied()
    }

    /// Ids held by more than one entity: (the first holder, another), in document order.
    pub fn duplicates(&self) -> &[(Node, Node)] {
        &self.duplicates
    }

    /// How many ids it holds.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Index entity `n` of `map`, just put there (renumber the others first when it was
    /// put between them). Returns false, and indexes nothing, when its id is taken.
    pub fn insert(&mut self, map: &Map, n: Node) -> bool {
        let before = self.duplicates.len();
        self.add(map, n);
        if self.duplicates.len() > before {
            self.duplicates.pop();
            return false;
        }
        true
    }

    /// Forget entity `n` of `map`, before the map loses it (renumber the others after).
    pub fn remove(&mut self, map: &Map, n: Node) {
        let id = id_of(map, n);
        if let Ok(entry) = self.table.find_entry(self.hasher.hash_one(id), |&x| x == n) {
            entry.remove();
        }
    }

    /// Give every indexed entity its new place (`to` of its old one) after rows were put
    /// between or taken from others of their section: each keeps its id, so its place in
    /// the table stays.
    pub fn renumber(&mut self, to: impl Fn(Node) -> Node) {
        for n in self.table.iter_mut() {
            *n = to(*n);
        }
    }
}

/// Every id of `map` with what it names, in document order: units, people, values each
/// followed by its behaviours, measures, goals.
pub fn every_id(map: &Map) -> impl Iterator<Item = (&str, Node)> {
    let n = |i: usize| i as u32;
    let units = map.units.iter().enumerate();
    let people = map.people.iter().enumerate();
    let measures = map.measures.iter().enumerate();
    let goals = map.goals.iter().enumerate();
    let values = map.values.iter().enumerate().flat_map(move |(i, v)| {
        std::iter::once((v.id.as_str(), Node::Value(n(i)))).chain(
            v.behaviours()
                .iter()
                .enumerate()
                .map(move |(j, b)| (b.id.as_str(), Node::Behaviour(n(i), n(j)))),
        )
    });
    units
        .map(move |(i, x)| (x.id.as_str(), Node::Unit(n(i))))
        .chain(people.map(move |(i, x)| (x.id.as_str(), Node::Person(n(i)))))
        .chain(values)
        .chain(measures.map(move |(i, x)| (x.id.as_str(), Node::Measure(n(i)))))
        .chain(goals.map(move |(i, x)| (x.id.as_str(), Node::Goal(n(i)))))
}

/// What a goal's owner, setter, measure and `supports` are in the index.
struct GoalTerms {
    owner: Party,
    setter: Party,
    owner_unit: u32,
    setter_unit: u32,
    measure: Option<u32>,
    supports: Vec<u32>,
}

impl GoalTerms {
    fn of(ids: &IdIndex, map: &Map, person_unit: &[u32], g: &crate::model::Goal) -> GoalTerms {
        let party = |id: &str| match ids.get(map, id) {
            Some(Node::Person(p)) => Party::Person(p),
            Some(Node::Unit(u)) => Party::Unit(u),
            _ => panic!("no person or unit {id:?}: validate the map first"),
        };
        let party_unit = |p: Party| match p {
            Party::Person(i) => person_unit[i as usize],
            Party::Unit(u) => u,
        };
        let owner = party(&g.owner);
        let setter = g.set_by.as_deref().map(party).unwrap_or(owner);
        GoalTerms {
            owner,
            setter,
            owner_unit: party_unit(owner),
            setter_unit: party_unit(setter),
            measure: g.measure.as_deref().map(|m| measure_ix(ids, map, m)),
            supports: g
                .supports()
                .iter()
                .map(|s| match ids.get(map, s) {
                    Some(Node::Goal(g)) => g,
                    _ => panic!("no goal {s:?}: validate the map first"),
                })
                .collect(),
        }
    }
}

fn measure_ix(ids: &IdIndex, map: &Map, id: &str) -> u32 {
    match ids.get(map, id) {
        Some(Node::Measure(m)) => m,
        _ => panic!("no measure {id:?}: validate the map first"),
    }
}

/// How many units, people, values, behaviours, measures and goals `map` has: the sections
/// of [`Org::node_index`]'s numbering, in its order.
fn section_sizes(map: &Map) -> [u32; 6] {
    [
        map.units.len() as u32,
        map.people.len() as u32,
        map.values.len() as u32,
        map.values.iter().map(|v| v.behaviours().len() as u32).sum(),
        map.measures.len() as u32,
        map.goals.len() as u32,
    ]
}

/// Put `x` into an ascending list that lacks it.
fn insert_sorted(list: &mut Vec<u32>, x: u32) {
    let at = list.partition_point(|&y| y < x);
    list.insert(at, x);
}

/// Take `x` out of an ascending list.
fn remove_sorted(list: &mut Vec<u32>, x: u32) {
    if let Ok(at) = list.binary_search(&x) {
        list.remove(at);
    }
}

/// The id of a node of `map`.
pub fn id_of(map: &Map, n: Node) -> &str {
    match n {
        Node::Unit(i) => &map.units[i as usize].id,
        Node::Person(i) => &map.people[i as usize].id,
        Node::Value(i) => &map.values[i as usize].id,
        Node::Behaviour(v, b) => &map.values[v as usize].behaviours()[b as usize].id,
        Node::Measure(i) => &map.measures[i as usize].id,
        Node::Goal(i) => &map.goals[i as usize].id,
    }
}

/// Random edits of one goal at a time, for tests that hold a patched index or analysis to
/// a fresh one: each step changes some of one goal's owner, setter, measure, supports,
/// values and level to other valid references.
#[cfg(test)]
pub(crate) struct GoalEdits {
    parties: Vec<String>,
    goals: Vec<String>,
    measures: Vec<String>,
    values: Vec<String>,
    seed: u64,
}

#[cfg(test)]
impl GoalEdits {
    pub(crate) fn new(map: &Map, seed: u64) -> GoalEdits {
        let ids = |v: Vec<&String>| v.into_iter().cloned().collect::<Vec<String>>();
        let mut parties = ids(map.people.iter().map(|p| &p.id).collect());
        parties.extend(ids(map.units.iter().map(|u| &u.id).collect()));
        GoalEdits {
            parties,
            goals: ids(map.goals.iter().map(|g| &g.id).collect()),
            measures: ids(map.measures.iter().map(|m| &m.id).collect()),
            values: ids(map.values.iter().map(|v| &v.id).collect()),
            seed,
        }
    }

    /// A number below `n` (xorshift).
    fn below(&mut self, n: usize) -> usize {
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        (self.seed % n as u64) as usize
    }

    /// Change one goal of `map`: which, and which fields (bits: owner, setter, measure,
    /// supports, values, level).
    pub(crate) fn next(&mut self, map: &mut Map) -> (usize, u64) {
        use crate::model::Level;
        let g = self.below(self.goals.len());
        // Half the time one field alone, so that each term is seen changing by itself.
        let what = if self.below(2) == 0 {
            1 << self.below(6)
        } else {
            self.below(64) as u64
        };
        let pick = |e: &mut Self, list: fn(&Self) -> &Vec<String>| {
            let n = list(e).len();
            let i = e.below(n);
            list(e)[i].clone()
        };
        if what & 1 != 0 {
            map.goals[g].owner = pick(self, |e| &e.parties);
        }
        if what & 2 != 0 {
            map.goals[g].set_by = (self.below(3) > 0).then(|| pick(self, |e| &e.parties));
        }
        if what & 4 != 0 && !self.measures.is_empty() {
            map.goals[g].measure = (self.below(4) > 0).then(|| pick(self, |e| &e.measures));
        }
        if what & 8 != 0 {
            let n = self.below(4);
            let mut to: Vec<String> = (0..n).map(|_| pick(self, |e| &e.goals)).collect();
            to.sort();
            to.dedup();
            // Now and then a link named twice, which the format allows.
            if !to.is_empty() && self.below(4) == 0 {
                to.push(to[0].clone());
            }
            map.goals[g].supports = Some(to);
        }
        if what & 16 != 0 && !self.values.is_empty() {
            map.goals[g].values = (self.below(3) > 0).then(|| vec![pick(self, |e| &e.values)]);
        }
        if what & 32 != 0 {
            map.goals[g].level =
                [None, Some(Level::Strategy), Some(Level::Objective)][self.below(3)];
        }
        (g, what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_index_numbers_every_entity_once() {
        let mut map = crate::gen::generate(&crate::gen::GenOptions::new(60, 2));
        // Values with 0, 1 and several behaviours, so the behaviour bases are exercised.
        let mut empty = map.values[0].clone();
        empty.id = "v-empty".into();
        empty.behaviours = Some(Vec::new());
        map.values.insert(0, empty);
        let org = Org::new(map.into());
        let m = &org.map;
        assert!(m.values.iter().any(|v| v.behaviours().len() > 1));
        let mut nodes: Vec<Node> = Vec::new();
        nodes.extend((0..m.units.len() as u32).map(Node::Unit));
        nodes.extend((0..m.people.len() as u32).map(Node::Person));
        nodes.extend((0..m.values.len() as u32).map(Node::Value));
        for (v, value) in m.values.iter().enumerate() {
            nodes
                .extend((0..value.behaviours().len() as u32).map(|b| Node::Behaviour(v as u32, b)));
        }
        nodes.extend((0..m.measures.len() as u32).map(Node::Measure));
        nodes.extend((0..m.goals.len() as u32).map(Node::Goal));
        let places: Vec<usize> = nodes.iter().map(|&n| org.node_index(n)).collect();
        assert_eq!(places, (0..nodes.len()).collect::<Vec<_>>());
        assert_eq!(org.node_count(), nodes.len());
    }

    /// Every field of the index, to hold a patched one to a fresh build.
    fn terms(o: &Org) -> String {
        format!(
            "{:?}",
            (
                (
                    &o.bases,
                    o.nodes,
                    &o.behaviour_bases,
                    &o.unit_parent,
                    &o.unit_function
                ),
                (&o.unit_tin, &o.unit_tout, &o.person_unit, &o.person_manager),
                (
                    &o.goal_owner,
                    &o.goal_setter,
                    &o.goal_owner_unit,
                    &o.goal_setter_unit
                ),
                (&o.goal_measure, &o.goal_supports, &o.goal_supporters),
                (&o.in_line, &o.aligned, &o.person_goals, &o.unit_goals),
                (&o.goal_strategy, &o.goal_valued),
                (&o.goals_by_measure, &o.measure_out, {
                    let mut u: Vec<_> = o.undermines.iter().collect();
                    u.sort();
                    u
                }),
            )
        )
    }

    #[test]
    fn an_index_patched_for_one_goal_is_the_index_built_afresh() {
        let mut map = crate::gen::generate(&crate::gen::GenOptions::new(300, 7));
        let mut org = Org::new(Arc::new(map.clone()));
        let mut edits = GoalEdits::new(&map, 0x9e37_79b9_7f4a_7c15);
        let mut changed = [0usize; 6];
        let mut said = Terms::NONE;
        for _ in 0..400 {
            let before = Org::new(Arc::new(map.clone()));
            let (g, what) = edits.next(&mut map);
            for (bit, n) in changed.iter_mut().enumerate() {
                *n += ((what >> bit) & 1) as usize;
            }
            let shared = Arc::new(map.clone());
            let change = org.rebind_goal(shared.clone(), g as u32);
            assert_eq!(change.owner_before, before.goal_owner[g]);
            let terms_changed = change.terms;
            let fresh = Org::new(shared);
            assert_eq!(terms(&org), terms(&fresh), "after changing goal {g}");
            // What the patch says it changed is what changed.
            let gi = g;
            let expect = [
                (Terms::OWNER, before.goal_owner[gi] != fresh.goal_owner[gi]),
                (
                    Terms::SETTER,
                    before.goal_setter[gi] != fresh.goal_setter[gi],
                ),
                (
                    Terms::MEASURE,
                    before.goal_measure[gi] != fresh.goal_measure[gi],
                ),
                (
                    Terms::SUPPORTS,
                    before.goal_supports[gi] != fresh.goal_supports[gi],
                ),
                (Terms::ALIGNED, before.aligned != fresh.aligned),
                (
                    Terms::STRATEGY,
                    before.goal_strategy[gi] != fresh.goal_strategy[gi],
                ),
                (
                    Terms::VALUES,
                    before.goal_valued[gi] != fresh.goal_valued[gi],
                ),
            ];
            for (term, differs) in expect {
                assert_eq!(
                    terms_changed.intersects(term),
                    differs,
                    "goal {g}: {term:?} said {terms_changed:?}"
                );
            }
            said = said.union(terms_changed);
        }
        assert!(
            changed.iter().all(|&n| n > 100),
            "every field changed often: {changed:?}"
        );
        assert_eq!(said, Terms::ALL, "every term changed at least once");
    }
}
