//! The visible alignment map and its layout.
//!
//! The backbone is the organisation tree — units, then the people in each unit — laid out
//! as a tidy tree (leaves side by side, each parent centred over its children, one row per
//! depth). Each unit and person carries its goals stacked beneath its card. Strategy goals
//! and values sit in a band on top. `supports` links are drawn between visible goals: the
//! first one a goal names is its primary link, the others are overlays.

use crate::{DEFAULT_NODE_BUDGET, MAX_NODE_BUDGET};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use throughline_core::analysis::{Analysis, Severity};
use throughline_core::model::{Status, UnitKind};
use throughline_core::org::{Node, Org, Party};

pub const CARD_W: f64 = 240.0;
// Tall enough for a two-line title: the app enlarges card text when the map is zoomed out
// (up to twice its size), so titles stay readable on a projector.
pub const UNIT_H: f64 = 100.0;
pub const PERSON_H: f64 = 100.0;
pub const GOAL_H: f64 = 92.0;
pub const VALUE_H: f64 = 92.0;
const STACK_GAP: f64 = 10.0;
const H_GAP: f64 = 28.0;
const V_GAP: f64 = 80.0;
const PEOPLE_ROW_GAP: f64 = 36.0;
const PEOPLE_COLS: usize = 4;
/// More closed sub-units than this under one unit are laid out as a grid ...
const UNIT_GRID_MIN: usize = 6;
/// ... at most this many columns wide.
const UNIT_GRID_COLS: usize = 6;
/// The band (strategy goals and values) stays one row up to this many cards, or as long as
/// it is no wider than the tree; then it wraps.
const BAND_MIN_COLS: usize = 4;
/// Vertical gap between the band's rows.
const BAND_ROW_GAP: f64 = 24.0;

/// A card in the band.
#[derive(Clone, Copy)]
enum BandItem {
    Goal(u32),
    Value(usize),
}

/// What part of the map to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ViewRequest {
    /// Units shown expanded; absent: expand automatically, widest first, within the budget.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expanded: Option<Vec<String>>,
    /// Show only this person's line of sight: their goals, everything those support up to
    /// the strategy, and the unit goals in their scope.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub line_of_sight: Option<String>,
    /// Expand whatever is needed for this id to be visible.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reveal: Option<String>,
    /// Node budget (default 600, at most 2,000).
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max_nodes: Option<u32>,
    /// Show only this unit's part of the organisation: the unit, everything under it and
    /// the path of units above it (the strategy band stays). Ignored with `line_of_sight`.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub within: Option<String>,
    /// In automatic mode, open fewer levels (whole levels, so no function is opened further
    /// than another) until the map is at most this wide, keeping at least the top level
    /// open: the app's first view asks for what fits its window at a readable zoom.
    /// Ignored with `expanded`.
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max_width: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Unit,
    Person,
    Goal,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// Unit to sub-unit, unit to person.
    Structure,
    /// A goal's first `supports` link.
    Supports,
    /// Any further `supports` link (a second parent), drawn as an overlay.
    SupportsSecondary,
}

/// One card on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewNode {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// Second line: a unit's kind and size, a person's role, a goal's measure and target.
    pub detail: String,
    /// A goal's owner, by name.
    pub owner: Option<String>,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// Worst severity among findings naming this node (as subject or related).
    pub severity: Option<Severity>,
    pub findings: u32,
    /// For a collapsed unit: the worst severity of anything hidden inside it.
    pub inner_severity: Option<Severity>,
    pub strategy: bool,
    pub status: Option<Status>,
    /// Who imposed this goal, when it was set from outside the owner's line.
    pub imposed_by: Option<String>,
    pub aligned: bool,
    pub unit_kind: Option<UnitKind>,
    pub collapsed: bool,
    /// Units and people hidden inside a collapsed unit.
    pub hidden: u32,
    pub expandable: bool,
    /// Id of the function the node belongs to.
    pub function: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewEdge {
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: EdgeKind,
}

/// The visible map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ViewModel {
    pub nodes: Vec<ViewNode>,
    pub edges: Vec<ViewEdge>,
    /// The units shown expanded (send it back to keep the view as it is).
    pub expanded: Vec<String>,
    pub line_of_sight: Option<String>,
    pub width: f64,
    pub height: f64,
    /// Units, people, goals and values in the whole map.
    pub total_nodes: u32,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum T {
    Unit(u32),
    Person(u32),
}

#[derive(Debug, Clone)]
struct Tree {
    children: Vec<Vec<T>>,
    roots: Vec<u32>,
}

fn tree(org: &Org) -> Tree {
    let n = org.map.units.len();
    let mut children: Vec<Vec<T>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (u, p) in org.unit_parent.iter().enumerate() {
        match p {
            Some(p) => children[*p as usize].push(T::Unit(u as u32)),
            None => roots.push(u as u32),
        }
    }
    for (p, u) in org.person_unit.iter().enumerate() {
        children[*u as usize].push(T::Person(p as u32));
    }
    Tree { children, roots }
}

/// Severity and count of the findings naming each entity, by [`Org::node_index`].
fn severities(org: &Org, analysis: &Analysis) -> Vec<Option<(Severity, u32)>> {
    let mut m: Vec<Option<(Severity, u32)>> = vec![None; org.node_count()];
    for h in &analysis.hits {
        for n in h.nodes() {
            let e = m[org.node_index(n)].get_or_insert((h.severity, 0));
            e.0 = e.0.min(h.severity);
            e.1 += 1;
        }
    }
    m
}

fn worst(a: Option<Severity>, b: Option<Severity>) -> Option<Severity> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A card with the fields every kind shares; the rest take their plain defaults.
#[allow(clippy::too_many_arguments)]
fn card(
    id: &str,
    kind: NodeKind,
    label: &str,
    detail: String,
    x: f64,
    y: f64,
    height: f64,
    findings: Option<(Severity, u32)>,
) -> ViewNode {
    ViewNode {
        id: id.to_string(),
        kind,
        label: label.to_string(),
        detail,
        owner: None,
        x,
        y,
        width: CARD_W,
        height,
        severity: findings.map(|f| f.0),
        findings: findings.map_or(0, |f| f.1),
        inner_severity: None,
        strategy: false,
        status: None,
        imposed_by: None,
        aligned: true,
        unit_kind: None,
        collapsed: false,
        hidden: 0,
        expandable: false,
        function: None,
    }
}

pub use throughline_core::text::format_number;

fn goal_detail(org: &Org, g: u32) -> String {
    let goal = &org.map.goals[g as usize];
    let mut parts = Vec::new();
    if let Some(m) = org.goal_measure[g as usize] {
        let measure = &org.map.measures[m as usize];
        match goal.target {
            Some(t) => {
                let unit = measure.unit.as_deref().unwrap_or("");
                let sep = if unit.is_empty() || unit == "%" {
                    ""
                } else {
                    " "
                };
                parts.push(format!("{}: {}{sep}{unit}", measure.name, format_number(t)));
            }
            None => parts.push(measure.name.clone()),
        }
    } else if let Some(t) = goal.target {
        parts.push(format!("target {}", format_number(t)));
    }
    if let Some(d) = goal.due {
        parts.push(format!("by {d}"));
    }
    if parts.is_empty() {
        "no measure".into()
    } else {
        parts.join(" · ")
    }
}

/// What every view of one analysed revision shares: the unit tree and the findings'
/// severity per entity. Built once per revision ([`ViewIndex::new`]).
#[derive(Debug, Clone)]
pub struct ViewIndex {
    tree: Tree,
    /// By [`Org::node_index`].
    sev: Vec<Option<(Severity, u32)>>,
    /// Goals stacked under each unit and person card (strategy goals go to the band).
    stacked_unit: Vec<Vec<u32>>,
    stacked_person: Vec<Vec<u32>>,
    band_goals: Vec<u32>,
    /// Per unit, what a collapsed card of it hides: the worst severity of the units and
    /// people below it and of their stacked goals, and how many units and people that is.
    inner: Vec<(Option<Severity>, u32)>,
}

/// [`ViewIndex::inner`], bottom-up over the unit tree: one pass, not one walk per card.
fn inner_severities(
    tree: &Tree,
    org: &Org,
    sev: &[Option<(Severity, u32)>],
    stacked_unit: &[Vec<u32>],
    stacked_person: &[Vec<u32>],
) -> Vec<(Option<Severity>, u32)> {
    let sev_of = |n: Node| sev[org.node_index(n)].map(|x| x.0);
    let own = |n: Node, goals: &[u32]| {
        goals
            .iter()
            .fold(sev_of(n), |w, &g| worst(w, sev_of(Node::Goal(g))))
    };
    let mut inner: Vec<(Option<Severity>, u32)> = vec![(None, 0); tree.children.len()];
    // Units in an order where every unit comes after its parent; filled in reverse.
    let mut order: Vec<u32> = tree.roots.clone();
    let mut i = 0;
    while i < order.len() {
        let u = order[i];
        order.extend(tree.children[u as usize].iter().filter_map(|c| match c {
            T::Unit(c) => Some(*c),
            T::Person(_) => None,
        }));
        i += 1;
    }
    for &u in order.iter().rev() {
        let mut acc: (Option<Severity>, u32) = (None, 0);
        for c in &tree.children[u as usize] {
            let (s, hidden) = match *c {
                T::Unit(c) => {
                    let (below, n) = inner[c as usize];
                    (
                        worst(own(Node::Unit(c), &stacked_unit[c as usize]), below),
                        1 + n,
                    )
                }
                T::Person(p) => (own(Node::Person(p), &stacked_person[p as usize]), 1),
            };
            acc = (worst(acc.0, s), acc.1 + hidden);
        }
        inner[u as usize] = acc;
    }
    inner
}

impl ViewIndex {
    pub fn new(org: &Org, analysis: &Analysis) -> Self {
        let map = &*org.map;
        let mut stacked_unit: Vec<Vec<u32>> = vec![Vec::new(); map.units.len()];
        let mut stacked_person: Vec<Vec<u32>> = vec![Vec::new(); map.people.len()];
        let mut band_goals: Vec<u32> = Vec::new();
        for (g, goal) in map.goals.iter().enumerate() {
            let g = g as u32;
            if goal.is_strategy() {
                band_goals.push(g);
                continue;
            }
            match org.goal_owner[g as usize] {
                Party::Unit(u) => stacked_unit[u as usize].push(g),
                Party::Person(p) => stacked_person[p as usize].push(g),
            }
        }
        let tree = tree(org);
        let sev = severities(org, analysis);
        let inner = inner_severities(&tree, org, &sev, &stacked_unit, &stacked_person);
        ViewIndex {
            tree,
            sev,
            stacked_unit,
            stacked_person,
            band_goals,
            inner,
        }
    }
}

/// The visible map for a request (indexing the revision first; the app keeps the index
/// instead, see [`build_view_indexed`]).
pub fn build_view(org: &Org, analysis: &Analysis, req: &ViewRequest) -> ViewModel {
    build_view_indexed(org, &ViewIndex::new(org, analysis), req)
}

/// The visible map for a request, on a revision whose [`ViewIndex`] is built.
pub fn build_view_indexed(org: &Org, index: &ViewIndex, req: &ViewRequest) -> ViewModel {
    let (mut view, mut levels) = build_view_levels(org, index, req, None, None);
    let Some(max_width) = req.max_width else {
        return view;
    };
    if req.expanded.is_some() {
        return view;
    }
    // Fewer levels until it fits (each try is one layout of at most the node budget).
    while levels > 1 && view.width > max_width {
        levels -= 1;
        view = build_view_levels(org, index, req, Some(levels), None).0;
    }
    // Still too wide with the top level alone: its closed sub-units (and the band) go into
    // a grid as wide as the limit allows.
    if levels == 1 && view.width > max_width {
        let cols = (((max_width + H_GAP) / (CARD_W + H_GAP)).floor() as usize).max(1);
        view = build_view_levels(org, index, req, Some(1), Some(cols)).0;
    }
    view
}

/// `build_view` over the unit tree and the findings' severities, opening at most
/// `max_levels` levels in automatic mode; also returns how many levels it opened. The
/// stages: select what the request keeps, expand units, arrange the visible tree, place
/// it, emit cards and edges. `grid_cols`: lay closed sub-units and the band at most this
/// many cards wide.
fn build_view_levels(
    org: &Org,
    index: &ViewIndex,
    req: &ViewRequest,
    max_levels: Option<usize>,
    grid_cols: Option<usize>,
) -> (ViewModel, usize) {
    let map = &*org.map;
    let budget = req
        .max_nodes
        .map_or(DEFAULT_NODE_BUDGET, |n| n as usize)
        .clamp(1, MAX_NODE_BUDGET);
    let v = Visible {
        org,
        index,
        sel: select(org, req),
        grid_cols,
    };
    let (expanded, levels) = expand(&v, req, budget, max_levels);
    let tree = arrange(&v, &expanded);
    let placed = place(&v, &tree);
    let (nodes, width) = if v.sel.los.is_some() {
        emit_path(&v, &expanded, &tree)
    } else {
        (emit_nodes(&v, &expanded, &tree, &placed), placed.width)
    };
    let edges = emit_edges(org, &tree, &nodes);
    let height = nodes.iter().map(|n| n.y + n.height).fold(0.0f64, f64::max);
    let mut expanded_ids: Vec<String> = expanded
        .iter()
        .map(|&u| map.units[u as usize].id.clone())
        .collect();
    expanded_ids.sort();
    let view = ViewModel {
        nodes,
        edges,
        expanded: expanded_ids,
        line_of_sight: v.sel.los.map(|p| map.people[p as usize].id.clone()),
        width,
        height,
        total_nodes: (map.units.len() + map.people.len() + map.goals.len() + map.values.len())
            as u32,
    };
    (view, levels)
}

/// What a request keeps visible (`None`: everything of that kind).
struct Selection {
    /// The person whose line of sight is shown.
    los: Option<u32>,
    goals: Option<FxHashSet<u32>>,
    people: Option<FxHashSet<u32>>,
    units: Option<FxHashSet<u32>>,
    /// Values sit in the band of the whole map only (not in a line of sight or one unit's
    /// part, whose links never reach them).
    values: bool,
}

/// Stage 1, select: what a line of sight or a `within` keeps; everything otherwise.
fn select(org: &Org, req: &ViewRequest) -> Selection {
    let los = req
        .line_of_sight
        .as_deref()
        .and_then(|id| org.person_index(id));
    let values = los.is_none() && req.within.is_none();
    if let Some(p) = los {
        return line_of_sight(org, p);
    }
    let mut sel = Selection {
        los,
        goals: None,
        people: None,
        units: None,
        values,
    };
    if let Some(w) = req.within.as_deref().and_then(|id| org.unit_index(id)) {
        let map = &*org.map;
        sel.units = Some(
            (0..map.units.len() as u32)
                .filter(|&u| {
                    org.unit_is_ancestor_or_self(w, u) || org.unit_is_ancestor_or_self(u, w)
                })
                .collect(),
        );
        sel.people = Some(
            (0..map.people.len() as u32)
                .filter(|&p| org.unit_is_ancestor_or_self(w, org.person_unit[p as usize]))
                .collect(),
        );
    }
    sel
}

/// A person's line of sight: their goals and their scope's unit goals, everything those
/// support, the owners of all these and the units above them.
fn line_of_sight(org: &Org, p: u32) -> Selection {
    let mut goals: FxHashSet<u32> = FxHashSet::default();
    let mut stack: Vec<u32> = org.person_goals[p as usize].clone();
    for u in org.scope_units(p) {
        stack.extend(org.unit_goals[u as usize].iter().copied());
    }
    while let Some(g) = stack.pop() {
        if goals.insert(g) {
            stack.extend(org.supported_by(g));
        }
    }
    let mut people: FxHashSet<u32> = FxHashSet::default();
    let mut units: FxHashSet<u32> = FxHashSet::default();
    people.insert(p);
    for &g in &goals {
        match org.goal_owner[g as usize] {
            Party::Person(q) => {
                people.insert(q);
            }
            Party::Unit(u) => {
                units.insert(u);
            }
        }
    }
    for &q in &people {
        units.insert(org.person_unit[q as usize]);
    }
    let direct: Vec<u32> = units.iter().copied().collect();
    for u in direct {
        for a in org.unit_and_ancestors(u) {
            units.insert(a);
        }
    }
    Selection {
        los: Some(p),
        goals: Some(goals),
        people: Some(people),
        units: Some(units),
        values: false,
    }
}

/// The revision's index seen through a request's selection: what every later stage asks.
struct Visible<'a> {
    org: &'a Org,
    index: &'a ViewIndex,
    sel: Selection,
    /// At most this many closed sub-units (or band cards) side by side.
    grid_cols: Option<usize>,
}

impl Visible<'_> {
    /// Whether goal `g` is kept.
    fn goal_kept(&self, g: u32) -> bool {
        self.sel.goals.as_ref().is_none_or(|k| k.contains(&g))
    }

    /// Whether a unit's child (sub-unit or person) is kept.
    fn child_kept(&self, c: &T) -> bool {
        match c {
            T::Unit(u) => self.sel.units.as_ref().is_none_or(|k| k.contains(u)),
            T::Person(p) => self.sel.people.as_ref().is_none_or(|k| k.contains(p)),
        }
    }

    /// The kept goals stacked under a unit's or a person's card.
    fn stack(&self, c: &T) -> impl Iterator<Item = u32> + '_ {
        let goals = match *c {
            T::Unit(u) => &self.index.stacked_unit[u as usize],
            T::Person(p) => &self.index.stacked_person[p as usize],
        };
        goals.iter().copied().filter(|&g| self.goal_kept(g))
    }

    /// How many goals are stacked under a card.
    fn stack_len(&self, c: &T) -> usize {
        self.stack(c).count()
    }

    /// A unit's kept children, as the tree lists them.
    fn children(&self, u: u32) -> impl Iterator<Item = &T> + '_ {
        self.index.tree.children[u as usize]
            .iter()
            .filter(|c| self.child_kept(c))
    }

    /// The kept roots of the unit tree.
    fn roots(&self) -> impl Iterator<Item = u32> + '_ {
        self.index
            .tree
            .roots
            .iter()
            .copied()
            .filter(|&r| self.child_kept(&T::Unit(r)))
    }

    /// Cards that opening unit `u` shows: its kept children and their stacked goals.
    fn open_cost(&self, u: u32) -> usize {
        self.children(u).map(|c| 1 + self.stack_len(c)).sum()
    }

    /// A person's card with its goals stacked beneath.
    fn person_h(&self, p: u32) -> f64 {
        PERSON_H + self.stack_len(&T::Person(p)) as f64 * (GOAL_H + STACK_GAP)
    }

    /// A unit's card with its goals stacked beneath.
    fn unit_h(&self, u: u32) -> f64 {
        UNIT_H + self.stack_len(&T::Unit(u)) as f64 * (GOAL_H + STACK_GAP)
    }
}

/// Stage 2, expand: which units are open, and in automatic mode how many levels were
/// opened. A line of sight opens every unit it keeps; otherwise the requested, revealed and
/// `within` units (parents first), then level by level within the budget.
fn expand(
    v: &Visible,
    req: &ViewRequest,
    budget: usize,
    max_levels: Option<usize>,
) -> (FxHashSet<u32>, usize) {
    let mut expanded: FxHashSet<u32> = FxHashSet::default();
    if let (Some(units), Some(_)) = (&v.sel.units, v.sel.los) {
        expanded.extend(units.iter().copied());
        return (expanded, 0);
    }
    let (org, index) = (v.org, v.index);
    let mut shown: usize = index.band_goals.len() + org.map.values.len();
    for r in v.roots() {
        shown += 1 + v.stack_len(&T::Unit(r));
    }
    // Explicit and revealed units first (parents before children), within the hard cap.
    for u in requested_units(org, req) {
        let visible = org.unit_parent[u as usize].is_none_or(|p| expanded.contains(&p));
        if visible && !expanded.contains(&u) {
            let c = v.open_cost(u);
            if shown + c <= MAX_NODE_BUDGET {
                expanded.insert(u);
                shown += c;
            }
        }
    }
    let levels = if req.expanded.is_some() {
        0
    } else {
        expand_levels(v, &mut expanded, shown, budget, max_levels)
    };
    (expanded, levels)
}

/// The units a request names to open (`expanded`, the path to `reveal`, the path to
/// `within`), parents before children, each once.
fn requested_units(org: &Org, req: &ViewRequest) -> Vec<u32> {
    let mut wanted: Vec<u32> = Vec::new();
    if let Some(list) = &req.expanded {
        wanted.extend(list.iter().filter_map(|id| org.unit_index(id)));
    }
    if let Some(id) = &req.reveal {
        wanted.extend(reveal_units(org, id));
    }
    if let Some(w) = req.within.as_deref().and_then(|id| org.unit_index(id)) {
        wanted.extend(org.unit_and_ancestors(w));
    }
    let depth = |u: u32| org.unit_and_ancestors(u).count();
    wanted.sort_by_key(|&u| (depth(u), u));
    wanted.dedup();
    wanted
}

/// Automatic mode: open every unit of a level, or none of them, from the roots down while
/// the budget allows, so the map stays balanced (no one function opened down to its teams
/// while others are closed). Units already open count as done. Returns the levels opened.
fn expand_levels(
    v: &Visible,
    expanded: &mut FxHashSet<u32>,
    mut shown: usize,
    budget: usize,
    max_levels: Option<usize>,
) -> usize {
    let mut levels = 0usize;
    let mut level: Vec<u32> = v.roots().collect();
    while !level.is_empty() && max_levels.is_none_or(|m| levels < m) {
        let cost_all: usize = level
            .iter()
            .filter(|u| !expanded.contains(u))
            .map(|&u| v.open_cost(u))
            .sum();
        if shown + cost_all > budget {
            break;
        }
        shown += cost_all;
        levels += 1;
        expanded.extend(level.iter().copied());
        level = level
            .iter()
            .flat_map(|&u| v.children(u))
            .filter_map(|c| match c {
                T::Unit(cu) => Some(*cu),
                T::Person(_) => None,
            })
            .collect();
    }
    levels
}

/// One place in the visible tree: a unit's card, or a grid block under a unit. The people
/// of a unit form one block: a grid of person cards, each with its goals beneath, beside
/// the sub-units.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Item {
    Unit(u32),
    People(u32),
    /// Many closed sub-units of a unit, as a grid (like people), not one long row.
    Units(u32),
}

/// A grid of cards under a unit: its people, or its closed sub-units.
struct Block {
    items: Vec<u32>,
    cols: usize,
    row_h: Vec<f64>,
}

impl Block {
    /// A grid of `items` about as wide as it is tall, at most `max_cols` wide; each row as
    /// tall as its tallest card.
    fn grid(items: Vec<u32>, max_cols: usize, card_h: impl Fn(u32) -> f64) -> Block {
        let cols = ((items.len() as f64).sqrt().ceil() as usize).clamp(1, max_cols);
        let row_h = items
            .chunks(cols)
            .map(|row| row.iter().map(|&i| card_h(i)).fold(0.0, f64::max))
            .collect();
        Block { items, cols, row_h }
    }

    fn width(&self) -> f64 {
        let cols = self.cols as f64;
        cols * CARD_W + (cols - 1.0) * H_GAP
    }

    fn height(&self) -> f64 {
        self.row_h.iter().sum::<f64>() + (self.row_h.len() as f64 - 1.0) * PEOPLE_ROW_GAP
    }

    /// The cards of the first row (what a structure edge points at).
    fn first_row(&self) -> &[u32] {
        &self.items[..self.cols.min(self.items.len())]
    }

    /// Each card's top-left corner, the block's top-left corner being (`left`, `top`).
    fn cells(&self, left: f64, top: f64) -> Vec<(u32, f64, f64)> {
        let mut out = Vec::with_capacity(self.items.len());
        let mut row_top = top;
        for (r, row) in self.items.chunks(self.cols).enumerate() {
            for (c, &item) in row.iter().enumerate() {
                out.push((item, left + c as f64 * (CARD_W + H_GAP), row_top));
            }
            row_top += self.row_h[r] + PEOPLE_ROW_GAP;
        }
        out
    }
}

/// The visible tree: every place with its depth (in the order cards are emitted), the
/// children of each open unit, and the grid blocks.
struct Arranged {
    depth_of: Vec<(Item, usize)>,
    kids: FxHashMap<Item, Vec<Item>>,
    /// A unit's people, by unit.
    people: FxHashMap<u32, Block>,
    /// A unit's closed sub-units, when there are many, by unit.
    units: FxHashMap<u32, Block>,
}

impl Arranged {
    fn width_of(&self, n: &Item) -> f64 {
        match n {
            Item::Unit(_) => CARD_W,
            Item::People(u) => self.people[u].width(),
            Item::Units(u) => self.units[u].width(),
        }
    }

    fn height_of(&self, v: &Visible, n: &Item) -> f64 {
        match n {
            Item::Unit(u) => v.unit_h(*u),
            Item::People(u) => self.people[u].height(),
            Item::Units(u) => self.units[u].height(),
        }
    }
}

/// Stage 3, arrange: the visible tree, depth first from the roots: each open unit's
/// people as a block, its closed sub-units as a block when there are many, then its other
/// sub-units.
fn arrange(v: &Visible, expanded: &FxHashSet<u32>) -> Arranged {
    let mut a = Arranged {
        depth_of: Vec::new(),
        kids: FxHashMap::default(),
        people: FxHashMap::default(),
        units: FxHashMap::default(),
    };
    let mut work: Vec<(u32, usize)> = v.roots().map(|r| (r, 0)).collect();
    work.reverse();
    while let Some((u, depth)) = work.pop() {
        a.depth_of.push((Item::Unit(u), depth));
        if !expanded.contains(&u) {
            continue;
        }
        let mut children: Vec<Item> = Vec::new();
        let mut people: Vec<u32> = Vec::new();
        let mut sub: Vec<u32> = Vec::new();
        for c in v.children(u) {
            match c {
                T::Unit(cu) => sub.push(*cu),
                T::Person(p) => people.push(*p),
            }
        }
        if !people.is_empty() {
            a.people
                .insert(u, Block::grid(people, PEOPLE_COLS, |p| v.person_h(p)));
            children.push(Item::People(u));
            a.depth_of.push((Item::People(u), depth + 1));
        }
        // Closed sub-units, when there are many, go into a grid so a function with dozens
        // of teams stays about as wide as it is tall.
        let closed: Vec<u32> = sub
            .iter()
            .copied()
            .filter(|cu| !expanded.contains(cu))
            .collect();
        let narrow = v.grid_cols.filter(|&c| closed.len() > c);
        if closed.len() > UNIT_GRID_MIN || narrow.is_some() {
            sub.retain(|cu| expanded.contains(cu));
            let cols = narrow.unwrap_or(UNIT_GRID_COLS).min(UNIT_GRID_COLS);
            a.units
                .insert(u, Block::grid(closed, cols, |cu| v.unit_h(cu)));
            children.push(Item::Units(u));
            a.depth_of.push((Item::Units(u), depth + 1));
        }
        children.extend(sub.iter().map(|&cu| Item::Unit(cu)));
        for &cu in sub.iter().rev() {
            work.push((cu, depth + 1));
        }
        a.kids.insert(Item::Unit(u), children);
    }
    a
}

/// The band's cards in rows, and its size.
struct Band {
    rows: Vec<Vec<BandItem>>,
    /// From one row's top to the next's.
    pitch: f64,
    /// The band's height with the gap below it (0 without cards).
    height: f64,
    width: f64,
}

/// Where the tree's places and the band go.
struct Placed {
    /// Each place's horizontal centre, before the tree is centred under a wider band.
    centre_of: FxHashMap<Item, f64>,
    /// Each depth's top, below the band.
    row_y: Vec<f64>,
    band: Band,
    width: f64,
    /// How far the tree moves right to sit centred under a wider band.
    tree_shift: f64,
}

/// Stage 4, place: rows per depth, centres by post-order (leaves side by side, parents
/// centred over their children), the band above and the width of the whole.
fn place(v: &Visible, a: &Arranged) -> Placed {
    let max_depth = a.depth_of.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let mut row_h = vec![0.0f64; max_depth + 1];
    for (n, d) in &a.depth_of {
        row_h[*d] = row_h[*d].max(a.height_of(v, n));
    }
    // The tree's rows from 0; they move down by the band's height once the band is laid out
    // (how wide the band may be depends on the tree's width).
    let mut row_y = vec![0.0f64; max_depth + 1];
    for d in 1..=max_depth {
        row_y[d] = row_y[d - 1] + row_h[d - 1] + V_GAP;
    }
    let mut centre_of: FxHashMap<Item, f64> = FxHashMap::default();
    let mut cursor = 0.0f64;
    for (n, d) in &a.depth_of {
        if *d == 0 {
            place_subtree(*n, a, &mut centre_of, &mut cursor);
        }
    }
    let tree_w = (cursor - H_GAP).max(CARD_W);
    let band = band(v, tree_w);
    for y in row_y.iter_mut() {
        *y += band.height;
    }
    let width = tree_w.max(band.width);
    Placed {
        centre_of,
        row_y,
        tree_shift: ((width - tree_w) / 2.0).max(0.0),
        band,
        width,
    }
}

/// Centre `n` and everything below it, leaves from `cursor` rightwards; returns its centre.
fn place_subtree(
    n: Item,
    a: &Arranged,
    centre_of: &mut FxHashMap<Item, f64>,
    cursor: &mut f64,
) -> f64 {
    let c = match a.kids.get(&n) {
        Some(children) if !children.is_empty() => {
            let cs: Vec<f64> = children
                .iter()
                .map(|c| place_subtree(*c, a, centre_of, cursor))
                .collect();
            (cs[0] + cs[cs.len() - 1]) / 2.0
        }
        _ => {
            let w = a.width_of(&n);
            let c = *cursor + w / 2.0;
            *cursor += w + H_GAP;
            c
        }
    };
    centre_of.insert(n, c);
    c
}

/// The band over a tree `tree_w` wide: one row when it fits over the tree (or has at most
/// BAND_MIN_COLS cards); otherwise strategy goals and values each take their own rows, as
/// wide as the tree allows, so a narrow map (closed functions) is not made wide by its band;
/// in a first view narrower than that (`grid_cols`), they share rows.
fn band(v: &Visible, tree_w: f64) -> Band {
    let strategy: Vec<BandItem> = v
        .index
        .band_goals
        .iter()
        .copied()
        .filter(|&g| v.goal_kept(g))
        .map(BandItem::Goal)
        .collect();
    let values: Vec<BandItem> = if v.sel.values {
        (0..v.org.map.values.len()).map(BandItem::Value).collect()
    } else {
        Vec::new()
    };
    let items = strategy.len() + values.len();
    let min_cols = v.grid_cols.map_or(BAND_MIN_COLS, |c| c.min(BAND_MIN_COLS));
    let cols = (((tree_w + H_GAP) / (CARD_W + H_GAP)).floor() as usize).max(min_cols);
    let rows: Vec<Vec<BandItem>> = if items <= cols {
        vec![[strategy, values].concat()]
    } else if v.grid_cols.is_some() {
        // A narrow first view: strategy goals then values, sharing rows (fewer rows).
        [strategy, values]
            .concat()
            .chunks(cols)
            .map(<[BandItem]>::to_vec)
            .collect()
    } else {
        strategy
            .chunks(cols)
            .chain(values.chunks(cols))
            .map(<[BandItem]>::to_vec)
            .collect()
    };
    let width = rows
        .iter()
        .map(|r| band_row_w(r.len()))
        .fold(0.0f64, f64::max);
    let pitch = GOAL_H.max(VALUE_H) + BAND_ROW_GAP;
    let height = if items > 0 {
        rows.len() as f64 * pitch - BAND_ROW_GAP + V_GAP
    } else {
        0.0
    };
    Band {
        rows,
        pitch,
        height,
        width,
    }
}

/// The width of a band row of `n` cards.
fn band_row_w(n: usize) -> f64 {
    n as f64 * (CARD_W + H_GAP) - H_GAP
}

/// Stage 5, emit the cards: the band (strategy goals, then values, each row centred), then
/// every place of the tree in order with the goals stacked under its cards.
fn emit_nodes(
    v: &Visible,
    expanded: &FxHashSet<u32>,
    a: &Arranged,
    placed: &Placed,
) -> Vec<ViewNode> {
    let mut nodes: Vec<ViewNode> = Vec::new();
    for (r, row) in placed.band.rows.iter().enumerate() {
        let y = r as f64 * placed.band.pitch;
        let mut bx = ((placed.width - band_row_w(row.len())) / 2.0).max(0.0);
        for item in row {
            nodes.push(match *item {
                BandItem::Goal(g) => goal_node(v, g, bx, y),
                BandItem::Value(i) => value_node(v, i, bx, y),
            });
            bx += CARD_W + H_GAP;
        }
    }
    for (n, d) in &a.depth_of {
        let left = placed.centre_of[n] - a.width_of(n) / 2.0 + placed.tree_shift;
        let y = placed.row_y[*d];
        match *n {
            Item::Unit(u) => unit_nodes(v, expanded, u, left, y, &mut nodes),
            Item::Units(block) => {
                for (cu, x, y) in a.units[&block].cells(left, y) {
                    unit_nodes(v, expanded, cu, x, y, &mut nodes);
                }
            }
            Item::People(block) => {
                for (p, x, y) in a.people[&block].cells(left, y) {
                    person_nodes(v, p, x, y, &mut nodes);
                }
            }
        }
    }
    nodes
}

/// The findings naming a node: their worst severity and their count.
/// A line of sight as a path, read left to right: the strategy goals it reaches in the
/// first column, then one column per level of the organisation (the organisation, the
/// function, the team, the person), each place with its goals stacked under it. Returns the
/// cards and the width.
fn emit_path(v: &Visible, expanded: &FxHashSet<u32>, a: &Arranged) -> (Vec<ViewNode>, f64) {
    let mut nodes: Vec<ViewNode> = Vec::new();
    let mut y = 0.0;
    for g in v
        .index
        .band_goals
        .iter()
        .copied()
        .filter(|&g| v.goal_kept(g))
    {
        nodes.push(goal_node(v, g, 0.0, y));
        y += GOAL_H + BAND_ROW_GAP;
    }
    let band = if nodes.is_empty() {
        0.0
    } else {
        CARD_W + H_GAP
    };
    let depths = a
        .depth_of
        .iter()
        .map(|(_, d)| *d)
        .max()
        .map_or(0, |d| d + 1);
    let mut col_w = vec![0.0f64; depths];
    for (n, d) in &a.depth_of {
        col_w[*d] = col_w[*d].max(a.width_of(n));
    }
    let mut col_x = vec![band; depths];
    for d in 1..depths {
        col_x[d] = col_x[d - 1] + col_w[d - 1] + H_GAP * 2.0;
    }
    let mut col_y = vec![0.0f64; depths];
    for (n, d) in &a.depth_of {
        let (left, top) = (col_x[*d], col_y[*d]);
        col_y[*d] += a.height_of(v, n) + BAND_ROW_GAP;
        match *n {
            Item::Unit(u) => unit_nodes(v, expanded, u, left, top, &mut nodes),
            Item::Units(block) => {
                for (cu, x, y) in a.units[&block].cells(left, top) {
                    unit_nodes(v, expanded, cu, x, y, &mut nodes);
                }
            }
            Item::People(block) => {
                for (p, x, y) in a.people[&block].cells(left, top) {
                    person_nodes(v, p, x, y, &mut nodes);
                }
            }
        }
    }
    let width = match depths {
        0 => band - H_GAP,
        d => col_x[d - 1] + col_w[d - 1],
    };
    (nodes, width.max(CARD_W))
}

fn findings_of(v: &Visible, n: Node) -> Option<(Severity, u32)> {
    v.index.sev[v.org.node_index(n)]
}

/// The id of the function unit `u` is in.
fn function_id(org: &Org, u: u32) -> Option<String> {
    org.unit_function[u as usize].map(|f| org.map.units[f as usize].id.clone())
}

/// A goal's card.
fn goal_node(v: &Visible, g: u32, x: f64, y: f64) -> ViewNode {
    let org = v.org;
    let goal = &org.map.goals[g as usize];
    let owner = org.goal_owner[g as usize];
    let imposed_by =
        (!org.in_line[g as usize]).then(|| org.party_name(org.goal_setter[g as usize]).to_string());
    ViewNode {
        owner: Some(org.party_name(owner).to_string()),
        strategy: goal.is_strategy(),
        status: Some(goal.effective_status()),
        imposed_by,
        aligned: org.aligned[g as usize],
        function: function_id(org, org.goal_owner_unit[g as usize]),
        ..card(
            &goal.id,
            NodeKind::Goal,
            &goal.title,
            goal_detail(org, g),
            x,
            y,
            GOAL_H,
            findings_of(v, Node::Goal(g)),
        )
    }
}

/// A value's card in the band.
fn value_node(v: &Visible, i: usize, x: f64, y: f64) -> ViewNode {
    let value = &v.org.map.values[i];
    let detail = match value.behaviours().len() {
        0 => "no behaviours".into(),
        1 => format!("1 behaviour: {}", value.behaviours()[0].name),
        n => format!("{n} behaviours"),
    };
    card(
        &value.id,
        NodeKind::Value,
        &value.name,
        detail,
        x,
        y,
        VALUE_H,
        findings_of(v, Node::Value(i as u32)),
    )
}

/// A unit's card (collapsed, with what it hides, when it is closed) and the goals stacked
/// under it.
fn unit_nodes(
    v: &Visible,
    expanded: &FxHashSet<u32>,
    u: u32,
    x: f64,
    y: f64,
    out: &mut Vec<ViewNode>,
) {
    let unit = &v.org.map.units[u as usize];
    let children = &v.index.tree.children[u as usize];
    let has_children = !children.is_empty();
    let collapsed = has_children && !expanded.contains(&u);
    let (inner_s, hidden) = if collapsed {
        v.index.inner[u as usize]
    } else {
        (None, 0)
    };
    let people = children
        .iter()
        .filter(|c| matches!(c, T::Person(_)))
        .count();
    let kind = match unit.kind {
        UnitKind::Organisation => "Organisation",
        UnitKind::Function => "Function",
        UnitKind::Team => "Team",
    };
    out.push(ViewNode {
        inner_severity: inner_s,
        unit_kind: Some(unit.kind),
        collapsed,
        hidden,
        expandable: has_children,
        function: function_id(v.org, u),
        ..card(
            &unit.id,
            NodeKind::Unit,
            &unit.name,
            match people {
                0 => kind.to_string(),
                1 => format!("{kind} · 1 person"),
                n => format!("{kind} · {n} people"),
            },
            x,
            y,
            UNIT_H,
            findings_of(v, Node::Unit(u)),
        )
    });
    stacked_nodes(v, &T::Unit(u), x, y + UNIT_H + STACK_GAP, out);
}

/// A person's card and the goals stacked under it.
fn person_nodes(v: &Visible, p: u32, x: f64, y: f64, out: &mut Vec<ViewNode>) {
    let map = &*v.org.map;
    let person = &map.people[p as usize];
    let unit = v.org.person_unit[p as usize];
    let unit_name = &map.units[unit as usize].name;
    out.push(ViewNode {
        function: function_id(v.org, unit),
        ..card(
            &person.id,
            NodeKind::Person,
            &person.name,
            match &person.role {
                Some(r) => format!("{r} · {unit_name}"),
                None => unit_name.clone(),
            },
            x,
            y,
            PERSON_H,
            findings_of(v, Node::Person(p)),
        )
    });
    stacked_nodes(v, &T::Person(p), x, y + PERSON_H + STACK_GAP, out);
}

/// The goal cards stacked under a card, the first at `top`.
fn stacked_nodes(v: &Visible, c: &T, x: f64, top: f64, out: &mut Vec<ViewNode>) {
    let mut gy = top;
    for g in v.stack(c) {
        out.push(goal_node(v, g, x, gy));
        gy += GOAL_H + STACK_GAP;
    }
}

/// Stage 5, emit the edges: structure (a unit to its sub-units and to the first row of its
/// blocks), then supports between visible goals (the first link primary); sorted by id.
fn emit_edges(org: &Org, a: &Arranged, nodes: &[ViewNode]) -> Vec<ViewEdge> {
    let map = &*org.map;
    let mut edges = Vec::new();
    for (parent, children) in &a.kids {
        let Item::Unit(pu) = parent else { continue };
        let pid = &map.units[*pu as usize].id;
        for c in children {
            let targets: Vec<&str> = match c {
                Item::Unit(cu) => vec![map.units[*cu as usize].id.as_str()],
                Item::People(b) => a.people[b]
                    .first_row()
                    .iter()
                    .map(|&p| map.people[p as usize].id.as_str())
                    .collect(),
                Item::Units(b) => a.units[b]
                    .first_row()
                    .iter()
                    .map(|&cu| map.units[cu as usize].id.as_str())
                    .collect(),
            };
            for tid in targets {
                edges.push(ViewEdge {
                    id: format!("s:{pid}>{tid}"),
                    source: pid.clone(),
                    target: tid.to_string(),
                    kind: EdgeKind::Structure,
                });
            }
        }
    }
    let visible_goals: FxHashSet<&str> = nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Goal)
        .map(|n| n.id.as_str())
        .collect();
    for n in nodes.iter().filter(|n| n.kind == NodeKind::Goal) {
        let goal = match org.lookup(&n.id) {
            Some(Node::Goal(g)) => &map.goals[g as usize],
            _ => continue,
        };
        for (i, s) in goal.supports().iter().enumerate() {
            if visible_goals.contains(s.as_str()) {
                edges.push(ViewEdge {
                    id: format!("g:{}>{}", goal.id, s),
                    source: goal.id.clone(),
                    target: s.clone(),
                    kind: if i == 0 {
                        EdgeKind::Supports
                    } else {
                        EdgeKind::SupportsSecondary
                    },
                });
            }
        }
    }
    edges.sort_by(|a, b| a.id.cmp(&b.id));
    edges.dedup_by(|a, b| a.id == b.id);
    edges
}

/// Units that must be expanded for `id` to be visible.
fn reveal_units(org: &Org, id: &str) -> Vec<u32> {
    let unit_chain = |u: u32| org.unit_and_ancestors(u).collect::<Vec<u32>>();
    match org.lookup(id) {
        Some(Node::Unit(u)) => org.unit_parent[u as usize].map_or(Vec::new(), unit_chain),
        Some(Node::Person(p)) => unit_chain(org.person_unit[p as usize]),
        Some(Node::Goal(g)) => match org.goal_owner[g as usize] {
            Party::Person(p) => unit_chain(org.person_unit[p as usize]),
            Party::Unit(u) => org.unit_parent[u as usize].map_or(Vec::new(), unit_chain),
        },
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use throughline_core::format::read_map;

    /// The bottom-up aggregate is what walking each unit's subtree gives.
    #[test]
    fn a_collapsed_unit_hides_what_a_walk_of_its_subtree_finds() {
        let mut opts = throughline_core::gen::GenOptions::new(400, 3);
        opts.messy = true;
        let org = Org::new(throughline_core::gen::generate(&opts).into());
        let analysis = throughline_core::analysis::run(&org, as_of());
        let index = ViewIndex::new(&org, &analysis);
        let sev_of = |n: Node| index.sev[org.node_index(n)].map(|x| x.0);
        for u in 0..org.map.units.len() {
            let mut walk: (Option<Severity>, u32) = (None, 0);
            let mut stack: Vec<T> = index.tree.children[u].clone();
            while let Some(n) = stack.pop() {
                walk.1 += 1;
                let (node, goals) = match n {
                    T::Unit(c) => {
                        stack.extend(index.tree.children[c as usize].iter().copied());
                        (Node::Unit(c), &index.stacked_unit[c as usize])
                    }
                    T::Person(p) => (Node::Person(p), &index.stacked_person[p as usize]),
                };
                walk.0 = worst(walk.0, sev_of(node));
                for &g in goals {
                    walk.0 = worst(walk.0, sev_of(Node::Goal(g)));
                }
            }
            assert_eq!(index.inner[u], walk, "unit {u}");
        }
        assert!(index.inner.iter().any(|(s, n)| s.is_some() && *n > 10));
    }

    #[test]
    fn numbers_print_exactly_as_given() {
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(0.333), "0.333");
        assert_eq!(format_number(-2.5), "-2.5");
        assert_eq!(format_number(0.0), "0");
        // Past u64: was 18,446,744,073,709,551,615 for all of these.
        assert_eq!(format_number(2e19), "20,000,000,000,000,000,000");
        assert_eq!(format_number(1.8e19), "18,000,000,000,000,000,000");
        assert_eq!(format_number(1e300), "1e300");
        assert_eq!(format_number(1.5e-9), "1.5e-9");
    }

    fn acme() -> throughline_core::Map {
        read_map(include_str!("../../../tests/fixtures/acme.json")).unwrap()
    }

    fn as_of() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn assert_no_overlap(nodes: &[ViewNode]) {
        for (i, a) in nodes.iter().enumerate() {
            for b in &nodes[i + 1..] {
                let overlap = a.x < b.x + b.width
                    && b.x < a.x + a.width
                    && a.y < b.y + b.height
                    && b.y < a.y + a.height;
                assert!(!overlap, "{} overlaps {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn small_maps_show_everything_without_overlaps() {
        let map = acme();
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(&org, as_of());
        let v = build_view(&org, &report, &ViewRequest::default());
        assert_eq!(
            v.nodes.len(),
            6 + 6 + 12 + 2,
            "all units, people, goals, values"
        );
        assert_no_overlap(&v.nodes);
        let strategy = v.nodes.iter().find(|n| n.id == "grow").unwrap();
        assert_eq!(strategy.y, 0.0, "strategy on top");
        let imposed = v.nodes.iter().find(|n| n.id == "rep1-calls").unwrap();
        assert_eq!(imposed.imposed_by.as_deref(), Some("Executive team"));
        assert_eq!(imposed.severity, Some(Severity::Error));
        assert!(v.edges.iter().any(|e| e.source == "rep1-revenue"
            && e.target == "sales-revenue"
            && e.kind == EdgeKind::Supports));
        // Parents are centred over their children.
        let sales = v.nodes.iter().find(|n| n.id == "sales").unwrap();
        let north = v.nodes.iter().find(|n| n.id == "sales-north").unwrap();
        assert!(north.y > sales.y);
    }

    #[test]
    fn max_width_opens_fewer_whole_levels_until_the_map_fits() {
        let map = read_map(include_str!("../../../examples/northwind.json")).unwrap();
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(&org, as_of());
        let full = build_view(&org, &report, &ViewRequest::default());
        let request = |max_width: f64| ViewRequest {
            max_width: Some(max_width),
            ..ViewRequest::default()
        };
        // Wide enough: the same view as without a limit.
        assert_eq!(build_view(&org, &report, &request(full.width)), full);
        // Narrower: whole levels closed, every function alike, and the map fits.
        let fitted = build_view(&org, &report, &request(full.width - 1.0));
        assert!(
            fitted.width < full.width,
            "{} < {}",
            fitted.width,
            full.width
        );
        assert!(fitted.expanded.len() < full.expanded.len());
        let functions: Vec<&ViewNode> = fitted
            .nodes
            .iter()
            .filter(|n| n.unit_kind == Some(UnitKind::Function))
            .collect();
        assert!(!functions.is_empty());
        assert!(
            functions.iter().all(|f| f.collapsed) || functions.iter().all(|f| !f.collapsed),
            "every function alike"
        );
        assert_no_overlap(&fitted.nodes);
        // Never fewer than the top level: the organisation stays open on its functions,
        // and the band wraps (strategy goals, then values) to the tree's width.
        let top = build_view(&org, &report, &request(1.0));
        assert_eq!(top.expanded, ["northwind"]);
        let closed_functions = top
            .nodes
            .iter()
            .filter(|n| n.unit_kind == Some(UnitKind::Function) && n.collapsed)
            .count();
        assert!(closed_functions >= 5, "{closed_functions}");
        let band: Vec<&ViewNode> = top.nodes.iter().filter(|n| n.y < 200.0).collect();
        assert!(band.iter().all(|n| n.kind == NodeKind::Value || n.strategy));
        let rows: std::collections::BTreeSet<i64> = band.iter().map(|n| n.y as i64).collect();
        assert_eq!(rows.len(), 2, "strategy goals, then values");
        let first_row_y = *rows.first().unwrap() as f64;
        assert!(band
            .iter()
            .filter(|n| n.y == first_row_y)
            .all(|n| n.strategy));
        assert!(band.iter().all(|n| n.x + n.width <= top.width));
        assert_no_overlap(&top.nodes);
        // Narrower than the functions side by side: they (and the band) go into a grid.
        let narrow = build_view(&org, &report, &request(820.0));
        assert_eq!(narrow.expanded, ["northwind"]);
        assert!(narrow.width <= 820.0, "{}", narrow.width);
        assert_eq!(
            narrow
                .nodes
                .iter()
                .filter(|n| n.unit_kind == Some(UnitKind::Function))
                .count(),
            closed_functions
        );
        assert_no_overlap(&narrow.nodes);
        // Explicit expansion wins over the limit.
        let explicit = build_view(
            &org,
            &report,
            &ViewRequest {
                expanded: Some(full.expanded.clone()),
                max_width: Some(1.0),
                ..ViewRequest::default()
            },
        );
        assert_eq!(explicit, full);
    }

    #[test]
    fn line_of_sight_keeps_only_the_persons_line() {
        let map = acme();
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(&org, as_of());
        let v = build_view(
            &org,
            &report,
            &ViewRequest {
                line_of_sight: Some("rep2".into()),
                ..ViewRequest::default()
            },
        );
        let mut goals: Vec<&str> = v
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Goal)
            .map(|n| n.id.as_str())
            .collect();
        goals.sort();
        assert_eq!(
            goals,
            vec![
                "forecast-95",
                "grow",
                "rep2-revenue",
                "rep2-skills",
                "sales-pipeline",
                "sales-revenue",
                "sales-win-rate"
            ]
        );
        assert!(
            v.nodes.iter().all(|n| n.id != "rep1"),
            "other people hidden"
        );
        // A path read left to right: the strategy, then each level, the person last.
        let x = |id: &str| v.nodes.iter().find(|n| n.id == id).unwrap().x;
        assert!(x("grow") < x("acme"));
        assert!(x("acme") < x("sales"));
        assert!(x("sales") < x("sales-north"));
        assert!(x("sales-north") < x("rep2"));
        assert_eq!(x("rep2-revenue"), x("rep2"), "goals under their owner");
        assert!(v.width >= x("rep2") + CARD_W);
        assert!(v.height < 900.0, "not one tall column: {}", v.height);
        assert_no_overlap(&v.nodes);
    }

    #[test]
    fn within_shows_one_units_part_and_the_strategy() {
        let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(400, 3));
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(&org, as_of());
        let f = map
            .units
            .iter()
            .position(|u| u.kind == UnitKind::Function)
            .expect("a function") as u32;
        let fid = map.units[f as usize].id.clone();
        let v = build_view(
            &org,
            &report,
            &ViewRequest {
                within: Some(fid.clone()),
                max_nodes: Some(60),
                ..ViewRequest::default()
            },
        );
        assert!(v.nodes.iter().any(|n| n.id == fid), "the function itself");
        assert!(v.nodes.len() <= 60 + map.goals.iter().filter(|g| g.is_strategy()).count());
        for n in &v.nodes {
            let ok = match org.lookup(&n.id).unwrap() {
                Node::Unit(u) => {
                    org.unit_is_ancestor_or_self(u, f) || org.unit_is_ancestor_or_self(f, u)
                }
                Node::Person(p) => org.person_function(p) == Some(f),
                Node::Goal(g) => {
                    map.goals[g as usize].is_strategy()
                        || org.unit_is_ancestor_or_self(org.goal_owner_unit[g as usize], f)
                        || org.goal_owner_function(g) == Some(f)
                }
                _ => false,
            };
            assert!(ok, "{} is outside {fid}", n.id);
        }
        assert!(
            v.nodes.iter().all(|n| n.kind != NodeKind::Value),
            "no values band"
        );
        // No two cards overlap, and many closed teams form a grid, not one long row.
        assert_no_overlap(&v.nodes);
        let teams = v
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Unit && n.collapsed)
            .count();
        let cols = (teams as f64).sqrt().ceil().min(UNIT_GRID_COLS as f64);
        if teams > UNIT_GRID_MIN {
            let strategy_w =
                map.goals.iter().filter(|g| g.is_strategy()).count() as f64 * (CARD_W + H_GAP);
            assert!(
                v.width <= strategy_w.max((cols + 2.0) * (CARD_W + H_GAP)),
                "{teams} teams in {} px",
                v.width
            );
        }
        // The function is expanded: something under it shows.
        assert!(v.nodes.iter().any(|n| n.kind == NodeKind::Unit
            && n.id != fid
            && org
                .unit_index(&n.id)
                .is_some_and(|u| org.unit_parent[u as usize] == Some(f))));
    }

    #[test]
    fn big_maps_stay_within_the_budget_and_reveal_expands_the_path() {
        let map = throughline_core::gen::generate(&throughline_core::gen::GenOptions::new(3000, 2));
        let org = Org::new(map.clone().into());
        let report = throughline_core::analysis::run(&org, as_of());
        let v = build_view(&org, &report, &ViewRequest::default());
        assert!(v.nodes.len() <= DEFAULT_NODE_BUDGET, "{}", v.nodes.len());
        assert!(v.nodes.iter().any(|n| n.collapsed && n.hidden > 0));
        let deep = &map.goals.last().unwrap().id;
        assert!(v.nodes.iter().all(|n| &n.id != deep));
        let v2 = build_view(
            &org,
            &report,
            &ViewRequest {
                expanded: Some(v.expanded.clone()),
                reveal: Some(deep.clone()),
                ..ViewRequest::default()
            },
        );
        assert!(v2.nodes.iter().any(|n| &n.id == deep), "revealed");
        assert!(v2.nodes.len() <= MAX_NODE_BUDGET);
        let all = build_view(
            &org,
            &report,
            &ViewRequest {
                expanded: Some(map.units.iter().map(|u| u.id.clone()).collect()),
                ..ViewRequest::default()
            },
        );
        assert!(
            all.nodes.len() <= MAX_NODE_BUDGET,
            "never more than the hard limit"
        );
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(format_number(8_000_000.0), "8,000,000");
        assert_eq!(format_number(95.0), "95");
        assert_eq!(format_number(2.5), "2.5");
        assert_eq!(format_number(-1234.25), "-1,234.25");
    }
}
