//! The goal graph and every derived term of the spec, computed once, in one place.
//!
//! [`Org::new`] indexes a *valid* map (see [`crate::format::read_map`] and
//! [`crate::validate`]): it builds the petgraph graph of units, people, values, behaviours,
//! measures and goals, and derives the spec's terms (owner unit, function, setter unit,
//! manager chain, in line / imposed, aligned, scope). Rules only read an `Org`.

use crate::model::{Effect, Map, MeasureKind, UnitKind};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction::{Incoming, Outgoing};
use rustc_hash::{FxHashMap, FxHashSet};
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

impl From<Party> for Node {
    fn from(p: Party) -> Node {
        match p {
            Party::Person(i) => Node::Person(i),
            Party::Unit(u) => Node::Unit(u),
        }
    }
}

/// A node of the goal graph: which section of the map, and the index in it.
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

/// An edge of the goal graph. Edges point "upwards": from the thing to what it belongs to,
/// serves or is measured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edge {
    /// unit -> parent unit
    ChildOf,
    /// person -> unit
    MemberOf,
    /// person -> manager
    ReportsTo,
    /// behaviour -> value
    Expresses,
    /// goal -> goal it supports
    Supports,
    /// goal -> owner (person or unit)
    OwnedBy,
    /// goal -> `set_by` (only when the document names a setter)
    SetBy,
    /// goal -> measure
    MeasuredBy,
    /// goal -> value or behaviour
    Embodies,
    /// measure -> measure
    Interacts(Effect),
}

/// The indexed map with its derived terms. It shares the map (`Arc`), so an analysed
/// revision can hold the map, its index and its findings together.
pub struct Org {
    pub map: Arc<Map>,
    /// The whole organisation as one graph; node `i` of each section is at
    /// `base + i` (see [`Org::node`]).
    pub graph: DiGraph<Node, Edge>,
    bases: [u32; 6],
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
    /// The spec's "in line": set by the owner, by someone in the owner's manager chain,
    /// or by the owner unit or one of its ancestors. Not in line = imposed.
    pub in_line: Vec<bool>,
    /// The spec's "aligned": strategy, or carries values, or supports an aligned goal.
    pub aligned: Vec<bool>,

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
        BUILDS.with(|b| b.set(b.get() + 1));
        let map: &Map = &shared;
        let n_units = map.units.len();
        let n_people = map.people.len();
        let n_goals = map.goals.len();

        let ids = IdIndex::new(map);
        let unit_ix = |id: &str| match ids.get(map, id) {
            Some(Node::Unit(u)) => u,
            _ => panic!("no unit {id:?}: validate the map first"),
        };
        let person_ix = |id: &str| match ids.get(map, id) {
            Some(Node::Person(p)) => p,
            _ => panic!("no person {id:?}: validate the map first"),
        };
        let measure_ix = |id: &str| match ids.get(map, id) {
            Some(Node::Measure(m)) => m,
            _ => panic!("no measure {id:?}: validate the map first"),
        };
        let goal_ix = |id: &str| match ids.get(map, id) {
            Some(Node::Goal(g)) => g,
            _ => panic!("no goal {id:?}: validate the map first"),
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

        let party = |id: &str| -> Party {
            match ids.get(map, id) {
                Some(Node::Person(p)) => Party::Person(p),
                Some(Node::Unit(u)) => Party::Unit(u),
                _ => panic!("no person or unit {id:?}: validate the map first"),
            }
        };
        let party_unit = |p: Party| -> u32 {
            match p {
                Party::Person(i) => person_unit[i as usize],
                Party::Unit(u) => u,
            }
        };

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
            let owner = party(&g.owner);
            let setter = g.set_by.as_deref().map(party).unwrap_or(owner);
            goal_owner.push(owner);
            goal_setter.push(setter);
            goal_owner_unit.push(party_unit(owner));
            goal_setter_unit.push(party_unit(setter));
            let m = g.measure.as_deref().map(measure_ix);
            if let Some(m) = m {
                goals_by_measure[m as usize].push(gi as u32);
            }
            goal_measure.push(m);
            goal_supports.push(
                g.supports()
                    .iter()
                    .map(|s| goal_ix(s))
                    .collect::<Vec<u32>>(),
            );
            match owner {
                Party::Person(p) => person_goals[p as usize].push(gi as u32),
                Party::Unit(u) => unit_goals[u as usize].push(gi as u32),
            }
        }

        let mut measure_out: Vec<Vec<(Effect, u32)>> = vec![Vec::new(); map.measures.len()];
        let mut undermines = FxHashSet::default();
        for x in &map.interactions {
            let (f, t) = (measure_ix(&x.from), measure_ix(&x.to));
            if !measure_out[f as usize].contains(&(x.effect, t)) {
                measure_out[f as usize].push((x.effect, t));
            }
            if x.effect == Effect::Undermines {
                undermines.insert((f, t));
            }
        }

        let mut org = Org {
            map: shared.clone(),
            graph: DiGraph::default(),
            bases: [0; 6],
            behaviour_bases: Vec::new(),
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
            in_line: Vec::new(),
            aligned: Vec::new(),
            person_goals,
            unit_goals,
            goals_by_measure,
            measure_out,
            undermines,
        };
        org.build_graph();
        org.in_line = (0..n_goals as u32)
            .map(|g| org.compute_in_line(g))
            .collect();
        org.aligned = org.compute_aligned();
        org
    }

    fn build_graph(&mut self) {
        let shared = self.map.clone();
        let map: &Map = &shared;
        let n_behaviours: usize = map.values.iter().map(|v| v.behaviours().len()).sum();
        let edges_hint = map.units.len()
            + 2 * map.people.len()
            + n_behaviours
            + map.interactions.len()
            + map.goals.len() * 3;
        let mut g: DiGraph<Node, Edge> = DiGraph::with_capacity(
            map.units.len()
                + map.people.len()
                + map.values.len()
                + n_behaviours
                + map.measures.len()
                + map.goals.len(),
            edges_hint,
        );
        let mut bases = [0u32; 6];
        bases[0] = 0;
        for i in 0..map.units.len() {
            g.add_node(Node::Unit(i as u32));
        }
        bases[1] = g.node_count() as u32;
        for i in 0..map.people.len() {
            g.add_node(Node::Person(i as u32));
        }
        bases[2] = g.node_count() as u32;
        for i in 0..map.values.len() {
            g.add_node(Node::Value(i as u32));
        }
        bases[3] = g.node_count() as u32;
        self.behaviour_bases = map
            .values
            .iter()
            .scan(0u32, |next, v| {
                let base = *next;
                *next += v.behaviours().len() as u32;
                Some(base)
            })
            .collect();
        let mut behaviour_node: FxHashMap<(u32, u32), NodeIndex> = FxHashMap::default();
        for (vi, v) in map.values.iter().enumerate() {
            for bi in 0..v.behaviours().len() {
                let n = g.add_node(Node::Behaviour(vi as u32, bi as u32));
                behaviour_node.insert((vi as u32, bi as u32), n);
            }
        }
        bases[4] = g.node_count() as u32;
        for i in 0..map.measures.len() {
            g.add_node(Node::Measure(i as u32));
        }
        bases[5] = g.node_count() as u32;
        for i in 0..map.goals.len() {
            g.add_node(Node::Goal(i as u32));
        }
        self.bases = bases;
        let ni = |base: usize, i: u32| NodeIndex::new(bases[base] as usize + i as usize);

        for (u, p) in self.unit_parent.iter().enumerate() {
            if let Some(p) = p {
                g.add_edge(ni(0, u as u32), ni(0, *p), Edge::ChildOf);
            }
        }
        for (p, u) in self.person_unit.iter().enumerate() {
            g.add_edge(ni(1, p as u32), ni(0, *u), Edge::MemberOf);
            if let Some(m) = self.person_manager[p] {
                g.add_edge(ni(1, p as u32), ni(1, m), Edge::ReportsTo);
            }
        }
        for (&(vi, _), &n) in &behaviour_node {
            g.add_edge(n, ni(2, vi), Edge::Expresses);
        }
        for x in &map.interactions {
            if let (Some(Node::Measure(f)), Some(Node::Measure(t))) =
                (self.ids.get(map, &x.from), self.ids.get(map, &x.to))
            {
                g.add_edge(ni(4, f), ni(4, t), Edge::Interacts(x.effect));
            }
        }
        let party_node = |p: Party| match p {
            Party::Person(i) => ni(1, i),
            Party::Unit(u) => ni(0, u),
        };
        for (gi, goal) in map.goals.iter().enumerate() {
            let me = ni(5, gi as u32);
            for &s in &self.goal_supports[gi] {
                g.add_edge(me, ni(5, s), Edge::Supports);
            }
            g.add_edge(me, party_node(self.goal_owner[gi]), Edge::OwnedBy);
            if goal.set_by.is_some() {
                g.add_edge(me, party_node(self.goal_setter[gi]), Edge::SetBy);
            }
            if let Some(m) = self.goal_measure[gi] {
                g.add_edge(me, ni(4, m), Edge::MeasuredBy);
            }
            for v in goal.values() {
                let target = match self.ids.get(map, v) {
                    Some(Node::Value(vi)) => ni(2, vi),
                    Some(Node::Behaviour(vi, bi)) => behaviour_node[&(vi, bi)],
                    _ => panic!("no value or behaviour {v:?}: validate the map first"),
                };
                g.add_edge(me, target, Edge::Embodies);
            }
        }
        self.graph = g;
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

    /// Would replacing goal `new.id` with `new` keep this index valid ([`Org::rebind`])?
    pub fn goal_keeps_structure(&self, new: &crate::model::Goal) -> bool {
        self.goal_index(&new.id).is_some_and(|g| {
            let old = &self.map.goals[g as usize];
            old.owner == new.owner
                && old.set_by == new.set_by
                && old.measure == new.measure
                && old.supports == new.supports
                && old.values == new.values
                && old.level == new.level
        })
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

    /// The graph node of any node: a dense number below [`Org::node_count`], for tables
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

    /// How many nodes the graph has (every entity of the map).
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The graph node of a goal.
    pub fn goal_node(&self, goal: u32) -> NodeIndex {
        NodeIndex::new(self.bases[5] as usize + goal as usize)
    }

    /// The goal at a graph node, if it is one.
    pub fn node_goal(&self, n: NodeIndex) -> Option<u32> {
        match self.graph[n] {
            Node::Goal(g) => Some(g),
            _ => None,
        }
    }

    /// Goals that `goal` supports directly, read from the graph.
    pub fn supported_by(&self, goal: u32) -> impl Iterator<Item = u32> + '_ {
        self.graph
            .edges_directed(self.goal_node(goal), Outgoing)
            .filter(|e| *e.weight() == Edge::Supports)
            .filter_map(|e| self.node_goal(e.target()))
    }

    /// Goals that directly support `goal`, read from the graph.
    pub fn supporters(&self, goal: u32) -> impl Iterator<Item = u32> + '_ {
        self.graph
            .edges_directed(self.goal_node(goal), Incoming)
            .filter(|e| *e.weight() == Edge::Supports)
            .filter_map(|e| self.node_goal(e.source()))
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
        for (i, g) in self.map.goals.iter().enumerate() {
            if g.is_strategy() || !g.values().is_empty() {
                aligned[i] = true;
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
/// map itself holds, so it borrows nothing and copies no string.
pub struct IdIndex {
    table: hashbrown::HashTable<Node>,
    hasher: rustc_hash::FxBuildHasher,
}

impl IdIndex {
    /// Index every id of `map`.
    pub fn new(map: &Map) -> Self {
        let behaviours: usize = map.values.iter().map(|v| v.behaviours().len()).sum();
        let hasher = rustc_hash::FxBuildHasher;
        let mut table = hashbrown::HashTable::with_capacity(
            map.units.len()
                + map.people.len()
                + map.goals.len()
                + map.values.len()
                + behaviours
                + map.measures.len(),
        );
        let mut add = |id: &str, n: Node| {
            let h = hasher.hash_one(id);
            table.insert_unique(h, n, |&n| hasher.hash_one(id_of(map, n)));
        };
        for (i, u) in map.units.iter().enumerate() {
            add(&u.id, Node::Unit(i as u32));
        }
        for (i, p) in map.people.iter().enumerate() {
            add(&p.id, Node::Person(i as u32));
        }
        for (i, v) in map.values.iter().enumerate() {
            add(&v.id, Node::Value(i as u32));
            for (j, b) in v.behaviours().iter().enumerate() {
                add(&b.id, Node::Behaviour(i as u32, j as u32));
            }
        }
        for (i, m) in map.measures.iter().enumerate() {
            add(&m.id, Node::Measure(i as u32));
        }
        for (i, g) in map.goals.iter().enumerate() {
            add(&g.id, Node::Goal(i as u32));
        }
        IdIndex { table, hasher }
    }

    /// What `id` names in `map` (the map this index was built from).
    pub fn get(&self, map: &Map, id: &str) -> Option<Node> {
        self.table
            .find(self.hasher.hash_one(id), |&n| id_of(map, n) == id)
            .copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_index_is_each_nodes_place_in_the_graph() {
        let mut map = crate::gen::generate(&crate::gen::GenOptions::new(60, 2));
        // Values with 0, 1 and several behaviours, so the behaviour bases are exercised.
        let mut empty = map.values[0].clone();
        empty.id = "v-empty".into();
        empty.behaviours = Some(Vec::new());
        map.values.insert(0, empty);
        let org = Org::new(map.into());
        assert!(org.map.values.iter().any(|v| v.behaviours().len() > 1));
        for i in org.graph.node_indices() {
            assert_eq!(org.node_index(org.graph[i]), i.index());
        }
        assert_eq!(org.node_count(), org.graph.node_count());
    }
}
