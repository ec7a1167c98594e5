// Generated from the Rust types by ts-rs (src-tauri/src/bindings.rs). Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p throughline-app bindings` after changing them.
/* eslint-disable */

export type MapDocument = { format: string, organisation: Organisation, settings?: Settings, units: Array<Unit>, people: Array<Person>, values: Array<Value>, measures: Array<Measure>, interactions: Array<Interaction>, goals: Array<Goal>, check_ins: Array<CheckIn>, };

export type Organisation = { name: string, focus_function?: string, };

export type Settings = { as_of?: string, stale_feedback_days?: number, max_goals_per_person?: number, max_setters_per_person?: number, rules?: { [key in string]: RuleSetting }, };

export type RuleSetting = "off" | "info" | "warning" | "error";

export type Unit = { id: string, name: string, kind: UnitKind, parent?: string, };

export type UnitKind = "organisation" | "function" | "team";

export type Person = { id: string, name: string, unit: string, role?: string, manager?: string, 
/**
 * The person's e-mail address as the HR system holds it (import matches on it).
 */
email?: string, };

export type Value = { id: string, name: string, description?: string, 
/**
 * `None` when the document omitted the field (the same as empty for the rules).
 */
behaviours?: Array<Behaviour>, };

export type Behaviour = { id: string, name: string, };

export type Measure = { id: string, name: string, unit?: string, kind: MeasureKind, direction?: Direction, leading?: boolean, };

export type MeasureKind = "outcome" | "activity" | "quality" | "behaviour" | "development";

export type Direction = "increase" | "decrease";

export type Interaction = { from: string, to: string, effect: Effect, note?: string, };

export type Effect = "undermines" | "supports" | "feeds" | "guards";

export type Goal = { id: string, title: string, level?: Level, owner: string, set_by?: string, measure?: string, target?: number, due?: string, status?: Status, 
/**
 * `None` when the document omitted the field (the same as empty for the rules).
 */
supports?: Array<string>, 
/**
 * Value or behaviour ids. `None` when omitted.
 */
values?: Array<string>, };

export type Level = "strategy" | "objective";

export type Status = "proposed" | "agreed" | "disputed";

export type CheckIn = { person: string, with?: string, date: string, kind?: CheckInKind, notes?: string, };

export type CheckInKind = "coaching" | "review" | "feedback";

export type Severity = "error" | "warning" | "info";

export type Finding = { rule: string, severity: Severity, 
/**
 * The one id the finding is about.
 */
subject: string, 
/**
 * Other ids involved, sorted by string order.
 */
related: Array<string>, 
/**
 * What is wrong, why it matters and what to do, naming people, units and goals.
 */
message: string, };

export type Summary = { people: number, goals: number, person_goals: number, aligned_person_goals: number, 
/**
 * Percentage with one decimal, `None` when there are no person-owned goals.
 */
alignment_index: number | null, 
/**
 * Findings per rule, in the order the findings are printed; rules with none left out.
 */
by_rule: Record<string, number>, };

export type Report = { findings: Array<Finding>, summary: Summary, };

export type ChangeEffect = { 
/**
 * Findings before the change that are gone after it.
 */
resolved: number, 
/**
 * Findings after the change that were not there before.
 */
new: number, 
/**
 * Findings in both with another severity.
 */
changed: number, 
/**
 * Per rule with any resolved or new finding, in the registry's order.
 */
by_rule: Array<RuleEffect>, index_before: number | null, index_after: number | null, 
/**
 * The new findings' places in the new analysis' hits (`check`'s order), at most
 * [`NEW_LISTED`].
 */
new_hits: Array<number>, };

export type RuleEffect = { rule: string, 
/**
 * Its name for people ("Imposed goal").
 */
name: string, resolved: number, new: number, };

export type MeasureLibrary = { functions: Array<LibraryFunction>, measures: Array<LibraryMeasure>, interactions: Array<Interaction>, };

export type LibraryFunction = { id: string, name: string, };

export type LibraryMeasure = { id: string, name: string, unit: string | null, kind: MeasureKind, direction: Direction, leading: boolean, 
/**
 * The library function this measure usually belongs to.
 */
function: string, description: string, };

export type Edit = { "type": "set_organisation", name: string, focus_function: string | null, } | { "type": "set_settings", settings: Settings | null, } | { "type": "create_unit", unit: Unit, } | { "type": "create_person", person: Person, } | { "type": "create_value", value: Value, } | { "type": "create_measure", measure: Measure, } | { "type": "create_goal", goal: Goal, } | { "type": "put_unit", unit: Unit, } | { "type": "delete_unit", id: string, } | { "type": "put_person", person: Person, } | { "type": "delete_person", id: string, } | { "type": "put_value", value: Value, } | { "type": "delete_value", id: string, } | { "type": "put_measure", measure: Measure, } | { "type": "delete_measure", id: string, } | { "type": "add_interaction", interaction: Interaction, } | { "type": "update_interaction", index: number, interaction: Interaction, } | { "type": "delete_interaction", index: number, } | { "type": "put_goal", goal: Goal, } | { "type": "delete_goal", id: string, } | { "type": "link_support", goal: string, supports: string, } | { "type": "unlink_support", goal: string, supports: string, } | { "type": "link_value", goal: string, value: string, } | { "type": "unlink_value", goal: string, value: string, } | { "type": "add_check_in", check_in: CheckIn, } | { "type": "update_check_in", index: number, check_in: CheckIn, } | { "type": "delete_check_in", index: number, } | { "type": "batch", label: string, edits: Array<Edit>, };

export type HistoryState = { undo: string | null, redo: string | null, };

export type SnapshotInfo = { id: number, name: string, 
/**
 * RFC 3339, UTC.
 */
created_at: string, 
/**
 * Made by Throughline (before a restore or an import), not by the user.
 */
auto: boolean, };

export type ViewRequest = { 
/**
 * Units shown expanded; absent: expand automatically, widest first, within the budget.
 */
expanded?: Array<string>, 
/**
 * Show only this person's line of sight: their goals, everything those support up to
 * the strategy, and the unit goals in their scope.
 */
line_of_sight?: string, 
/**
 * Expand whatever is needed for this id to be visible.
 */
reveal?: string, 
/**
 * Node budget (default 600, at most 2,000).
 */
max_nodes?: number, 
/**
 * Show only this unit's part of the organisation: the unit, everything under it and
 * the path of units above it (the strategy band stays). Ignored with `line_of_sight`.
 */
within?: string, 
/**
 * In automatic mode, open fewer levels (whole levels, so no function is opened further
 * than another) until the map is at most this wide, keeping at least the top level
 * open: the app's first view asks for what fits its window at a readable zoom.
 * Ignored with `expanded`.
 */
max_width?: number, };

export type ViewModel = { nodes: Array<ViewNode>, edges: Array<ViewEdge>, 
/**
 * The units shown expanded (send it back to keep the view as it is).
 */
expanded: Array<string>, line_of_sight: string | null, width: number, height: number, 
/**
 * Units, people, goals and values in the whole map.
 */
total_nodes: number, };

export type ViewNode = { id: string, kind: NodeKind, label: string, 
/**
 * Second line: a unit's kind and size, a person's role, a goal's measure and target.
 */
detail: string, 
/**
 * A goal's owner, by name.
 */
owner: string | null, x: number, y: number, width: number, height: number, 
/**
 * Worst severity among findings naming this node (as subject or related).
 */
severity: Severity | null, findings: number, 
/**
 * For a collapsed unit: the worst severity of anything hidden inside it.
 */
inner_severity: Severity | null, strategy: boolean, status: Status | null, 
/**
 * Who imposed this goal, when it was set from outside the owner's line.
 */
imposed_by: string | null, aligned: boolean, unit_kind: UnitKind | null, collapsed: boolean, 
/**
 * Units and people hidden inside a collapsed unit.
 */
hidden: number, expandable: boolean, 
/**
 * Id of the function the node belongs to.
 */
function: string | null, };

export type ViewEdge = { id: string, source: string, target: string, kind: EdgeKind, };

export type NodeKind = "unit" | "person" | "goal" | "value";

export type EdgeKind = "structure" | "supports" | "supports_secondary";

export type SearchHit = { id: string, 
/**
 * "goal", "person", "unit", "value", "behaviour" or "measure".
 */
kind: string, label: string, 
/**
 * Where it sits: a goal's owner, a person's role and unit, a unit's parent.
 */
context: string, };

export type FindingFilter = { severity?: Severity, rule?: string, 
/**
 * A function unit id, or "" for findings outside any function.
 */
function?: string, 
/**
 * A person id: findings about them or their goals.
 */
person?: string, 
/**
 * A pattern of this revision (its `index` in `FindingsPage::patterns`): its findings.
 */
pattern?: number, offset: number, 
/**
 * Rows per page (default 200).
 */
limit?: number, };

export type FindingsPage = { summary: Summary, errors: number, warnings: number, infos: number, 
/**
 * Findings matching the filter (all pages).
 */
matching: number, rows: Array<FindingRow>, 
/**
 * Counts over all findings, for the filter menus.
 */
by_rule: Array<GroupCount>, by_function: Array<GroupCount>, 
/**
 * The organisation's focus function, and how many of its goals other functions set.
 */
focus_function: string | null, imposed_on_focus: number, 
/**
 * Findings matching the filter per severity and rule (key `severity|rule`), over all
 * pages: the panel's group counts, which a page of rows alone would understate.
 */
matching_groups: Array<GroupCount>, 
/**
 * The patterns matching the filter's severity, rule and function, biggest first (at
 * most [`PATTERNS_SHOWN`]), and how many match in all.
 */
patterns: Array<PatternRow>, matching_patterns: number, };

export type FindingRow = { finding: Finding, subject_label: string, related_labels: Array<string>, 
/**
 * The rule's name for people ("Imposed goal"), shown before its id.
 */
rule_name: string, rule_summary: string, 
/**
 * Function of the subject (id and name), if any.
 */
function: string | null, function_name: string | null, 
/**
 * Whose the subject is, shown after it so rows of one title tell apart: a goal's
 * owner (a unit, or a person with their unit: "Tom Silva, Sales Team 10"); a person's
 * unit. `None` for units and values.
 */
owner_label: string | null, 
/**
 * For a finding about a goal set by someone other than its owner: the setter's name
 * (shown as "set by …").
 */
setter_label: string | null, 
/**
 * The related items in words after the rule's `related_as` ("pulls against Win rate
 * 30%", at most three named, then "and N more"); `None` when there are none or they
 * are just the setter already named in `setter_label`.
 */
related_text: string | null, };

export type GroupCount = { key: string, label: string, count: number, };

export type PatternRow = { 
/**
 * Its place in this revision's patterns (biggest first): `FindingFilter::pattern`.
 */
index: number, rule: string, 
/**
 * The rule's name for people ("Imposed goal").
 */
rule_name: string, severity: Severity, count: number, 
/**
 * In plain words, without ids.
 */
message: string, 
/**
 * The function the findings are in, if any.
 */
function_name: string | null, };

export type Touched = { "kind": "entities", "ids": Array<string> } | { "kind": "everything" };

export type ErrorCode = "locked" | "not_sqlite" | "not_workspace" | "too_new" | "corrupt" | "foreign_schema" | "invalid_workspace" | "empty_file" | "exists" | "not_found" | "invalid_map" | "refused" | "read_only" | "nothing_to_do" | "no_snapshot" | "disk_full" | "io" | "storage" | "no_document" | "invalid" | "not_recent" | "close_incomplete" | "open" | "report_tool_missing" | "report_failed" | "report_cancelled" | "report_timeout" | "import_problems" | "internal";

export type AppError = { code: ErrorCode, message: string, };

export type DocInfo = { 
/**
 * The analysed revision on screen: it changes with every change and every file, and
 * the page fetches each panel once per revision.
 */
revision: number, path: string, file_name: string, organisation: string, read_only: boolean, units: number, people: number, goals: number, as_of: string, focus_function: string | null, history: HistoryState, 
/**
 * The last automatic backup (or tidy-up) failed: the edits are saved, but the user
 * should know their safety net is not there (shown in the status bar).
 */
warning: string | null, 
/**
 * The app's sample organisation (File ▸ Reset Sample restores it).
 */
sample: boolean, 
/**
 * The open draft (every panel shows it; edits go into it), or the file's draft that
 * no longer applies; `None` without one.
 */
draft: DraftInfo | null, };

export type AppStatus = { version: string, doc: DocInfo | null, recent: Array<string>, 
/**
 * Why the file given on the command line could not be opened (once).
 */
startup_error: AppError | null, };

export type Change = { kind: ChangeKind, 
/**
 * What was done (or undone / redone), for a status message.
 */
label: string, 
/**
 * The document after the change (its `revision` is the new revision); `None` once
 * closed.
 */
doc: DocInfo | null, 
/**
 * The id the store gave the entity a `create_*` edit made (to select it).
 */
created: string | null, 
/**
 * The entities it wrote or removed, or the whole map.
 */
touched: Touched, 
/**
 * What an edit, undo, redo, restore or import did to the findings and the index (the
 * notice after each change); `None` for opening and closing.
 */
effect: ChangeEffect | null, 
/**
 * The first of the findings it made ([`ChangeEffect::new_hits`]), as the findings
 * panel shows them.
 */
new_findings: Array<FindingRow>, };

export type ChangeKind = "opened" | "edited" | "undone" | "redone" | "restored" | "imported" | "closed";

export type MenuAction = "new" | "open" | "open-sample" | "import" | "export" | "save-copy" | "export-report" | "import-spreadsheet" | "export-spreadsheet" | "close" | "undo" | "redo" | "delete" | "find" | "zoom-in" | "zoom-out" | "fit" | "view-map" | "view-measures" | "view-alignment" | "decisions" | "theme-light" | "theme-dark" | "theme-system" | "presentation" | "quit" | "reset-sample" | "rules-reference" | "keyboard-shortcuts" | "about";

export type IndexedCheckIn = { 
/**
 * Position among all check-ins (what the edit API addresses).
 */
index: number, check_in: CheckIn, };

export type Entity = { "kind": "goal", goal: Goal, 
/**
 * The goals it supports, with their titles, in order.
 */
supports: Array<Choice>, owner_name: string, setter_name: string, aligned: boolean, imposed: boolean, } | { "kind": "person", person: Person, check_ins: Array<IndexedCheckIn>, goals: Array<Choice>, } | { "kind": "unit", unit: Unit, } | { "kind": "value", value: Value, } | { "kind": "measure", measure: Measure, };

export type Choice = { id: string, label: string, detail: string, };

export type Choices = { units: Array<Choice>, functions: Array<Choice>, people: Array<Choice>, people_listed: boolean, measures: Array<Choice>, 
/**
 * Values and their behaviours.
 */
values: Array<Choice>, };

export type IndexedInteraction = { index: number, interaction: Interaction, };

export type MeasuresView = { measures: Array<Measure>, interactions: Array<IndexedInteraction>, library: MeasureLibrary, };

export type RuleDoc = { id: string, 
/**
 * The rule's name for people ("Imposed goal"), shown before its id.
 */
name: string, default_severity: string, summary: string, what: string, why: string, example: string, fix: string, };

export type ReportRequest = { format: ReportFormat, 
/**
 * A function's unit id; absent for the whole organisation.
 */
function: string | null, title: string | null, paper: ReportPaper, 
/**
 * A workshop report instead: what changed since this snapshot (its id), the map on
 * screen (a draft's while one is open) the after side. PDF, HTML or Markdown; the
 * whole organisation (`function` is not used).
 */
compare?: number, };

export type ReportSaved = { id: number, path: string, file_name: string, bytes: number, millis: number, };

export type SnapshotEntry = { snapshot: SnapshotInfo, alignment_index: number | null, findings: number, };

export type CompareSide = { "kind": "now" } | { "kind": "snapshot", id: number, };

export type BeforeAfter = { before_side: CompareSide, after_side: CompareSide, 
/**
 * "Now", or the snapshot's name.
 */
before_label: string, after_label: string, 
/**
 * Both sides are analysed as of this date (AFTER's `settings.as_of`, else today).
 */
as_of: string, before: Summary, after: Summary, 
/**
 * Findings by severity on each side.
 */
counts_before: SeverityCounts, counts_after: SeverityCounts, 
/**
 * AFTER's index minus BEFORE's, in tenths of a point.
 */
index_delta: number | null, 
/**
 * The first [`CAP`] of each list, in `check` order (resolved in BEFORE's, the others
 * in AFTER's); `*_total` counts them all.
 */
resolved: Array<ComparedFinding>, resolved_total: number, new: Array<ComparedFinding>, new_total: number, changed: Array<ComparedFinding>, changed_total: number, kept: number, 
/**
 * Kind by kind (units, people, values, measures, goals, interactions, check-ins),
 * moves and re-links first, then added, removed and changed; the first [`CAP`].
 */
changes: Array<ChangeLine>, changes_total: number, 
/**
 * Every kind with any change, with its counts.
 */
change_counts: Array<ChangeCount>, 
/**
 * What the lists are cut to.
 */
cap: number, 
/**
 * The map's marks: units, people, values and goals of AFTER added, moved, re-linked
 * or changed, kind by kind in id order, the first [`MARKS_CAP`]; `marks_total` counts
 * them all.
 */
marks: Array<MapMark>, marks_total: number, 
/**
 * Units, people, values and goals removed: the map's ghosts, the first [`CAP`], kind
 * by kind in id order.
 */
ghosts: Array<Ghost>, ghosts_total: number, };

export type ComparedFinding = { 
/**
 * Resolved findings are written from BEFORE, new and changed ones from AFTER.
 */
row: FindingRow, 
/**
 * Its severity before (only for a finding whose severity changed).
 */
severity_before: Severity | null, 
/**
 * Its subject is in the workspace now, so clicking it can open it.
 */
present: boolean, };

export type ChangeLine = { mark: ChangeMark, 
/**
 * "unit", "person", "value", "measure", "goal", "interaction" or "check-in".
 */
kind: string, 
/**
 * The entity it is about (an interaction: its first measure; a check-in: its person).
 */
id: string, text: string, 
/**
 * `id` is in the workspace now, so clicking the line can open it.
 */
present: boolean, };

export type ChangeMark = "added" | "removed" | "changed" | "moved" | "relinked";

export type ChangeCount = { kind: string, added: number, removed: number, changed: number, 
/**
 * Units and people moved, goals re-linked.
 */
moved_or_relinked: number, };

export type SeverityCounts = { errors: number, warnings: number, infos: number, };

export type MapMark = { 
/**
 * A unit, person, value or goal of AFTER.
 */
id: string, 
/**
 * One mark a card: added, else moved (units, people) or re-linked (goals), else
 * changed.
 */
mark: ChangeMark, };

export type Ghost = { 
/**
 * "unit", "person", "value" or "goal".
 */
kind: string, id: string, 
/**
 * Its name or title in BEFORE.
 */
label: string, 
/**
 * Where it was in BEFORE: a goal's owner, a person's unit, a unit's parent.
 */
place: string | null, };

export type DecisionRequest = { 
/**
 * `YYYY-MM-DD`; the page fills in today.
 */
date: string, statement: string, rationale: string, people: Array<string>, goals: Array<string>, findings: Array<FindingKey>, };

export type DecisionView = { id: number, date: string, statement: string, rationale: string, people: Array<DecisionSubject>, goals: Array<DecisionSubject>, findings: Array<DecisionFinding>, 
/**
 * RFC 3339, UTC.
 */
created_at: string, };

export type DecisionSubject = { id: string, 
/**
 * Its name now, or the name it had when the decision was taken once it is deleted.
 */
name: string, 
/**
 * No longer in the map: shown with its old name, not as a link.
 */
removed: boolean, 
/**
 * The name it had when the decision was taken, when it has been renamed since.
 */
was: string | null, };

export type DecisionFinding = { rule: string, 
/**
 * The rule's name for people ("Imposed goal").
 */
rule_name: string, subject: string, related: Array<string>, 
/**
 * Its message when the decision was taken.
 */
text: string, 
/**
 * The subject's name now ("100 calls a week"), or `None` once it is no longer in the
 * map (then the finding does not open).
 */
subject_name: string | null, 
/**
 * The map still has this finding (same rule, subject and related).
 */
still_found: boolean, };

export type FindingKey = { rule: string, subject: string, related: Array<string>, };

export type AgreementStep = { 
/**
 * Allocated by the store: 1 + the largest id in the file.
 */
id: number, 
/**
 * The goal's id.
 */
goal: string, kind: AgreementKind, 
/**
 * The day it happened, `YYYY-MM-DD`.
 */
date: string, 
/**
 * Who took the step: a person's id, and their name then (kept, so the history reads
 * right after they are renamed or leave).
 */
by: string, by_name: string, 
/**
 * The target proposed, countered or agreed, if the step names one.
 */
target?: number, 
/**
 * The due date proposed, countered or agreed (`YYYY-MM-DD`), if the step names one.
 */
due?: string, 
/**
 * Why (a counter and a dispute need one).
 */
reason: string, 
/**
 * When it was recorded (RFC 3339, UTC), from the workspace's clock.
 */
created_at: string, };

export type AgreementInput = { goal: string, kind: AgreementKind, date: string, by: string, target?: number, due?: string, reason: string, };

export type AgreementKind = "proposed" | "countered" | "agreed" | "disputed";

export type AgreementHistory = { goal: string, steps: Array<AgreementStep>, 
/**
 * Each step as a sentence ("2027-01-12 Ali Hassan countered: a target of 80, because
 * “…”"), in the order of `steps`.
 */
lines: Array<string>, 
/**
 * The latest counter not yet answered by an agreement or a new proposal, as the
 * `not-agreed` finding quotes it.
 */
open_counter: string | null, };

export type MeasuresDesigner = { 
/**
 * The function shown (none when the map has no function).
 */
function: Choice | null, 
/**
 * Every measure a goal owned in the function uses: flagged first, then most used.
 */
measures: Array<DesignedMeasure>, 
/**
 * People of the function measured only on lagging measures (the first
 * `LAGGING_LISTED`), in the findings' order.
 */
lagging_only: Array<MeasureFlag>, 
/**
 * How many people of the function are measured only on lagging measures.
 */
lagging_only_total: number, };

export type DesignedMeasure = { id: string, name: string, kind: MeasureKind, leading: boolean, unit: string | null, 
/**
 * Goals owned in the function on this measure.
 */
goals: number, 
/**
 * People of the function who own one of those goals.
 */
people: number, 
/**
 * The first few of those goals, in map order.
 */
examples: Array<GoalUse>, 
/**
 * Every trade-off of the map this measure takes part in, as sentences.
 */
trade_offs: Array<TradeOff>, 
/**
 * What the findings say about this measure in the function (a volume measure with no
 * guard).
 */
flags: Array<MeasureFlag>, };

export type GoalUse = { id: string, title: string, owner: string, };

export type TradeOff = { sentence: string, effect: Effect, 
/**
 * The other measure's id.
 */
other: string, 
/**
 * Whether a goal in the function is on the other measure too.
 */
other_in_function: boolean, 
/**
 * The map's note on the trade-off, if any.
 */
note: string | null, };

export type MeasureFlag = { sentence: string, key: FindingKey, 
/**
 * How many findings this flag stands for (volume goals on the same measure in the
 * function share one guard, so one fix resolves them all).
 */
count: number, };

export type AlignmentView = { flows: FlowsView, coverage: CoverageView, scorecards: Array<ScorecardView>, 
/**
 * The organisation's focus function (its unit id), if any.
 */
focus_function: string | null, };

export type FlowCounts = { goals: number, 
/**
 * Set by someone in the owner's line of management.
 */
in_line: number, 
/**
 * Imposed (from outside the owner's line) and agreed by the owner.
 */
imposed_agreed: number, 
/**
 * Imposed and not agreed: proposed or disputed.
 */
imposed_not_agreed: number, 
/**
 * Of those, disputed.
 */
disputed: number, 
/**
 * Goals that trace to a strategy goal or a value.
 */
aligned: number, };

export type FlowsView = { functions: Array<Choice>, cells: Array<Array<FlowCounts>>, 
/**
 * Per owner function: set on it by others. Per setter: set by it on others.
 */
received: Array<FlowCounts>, given: Array<FlowCounts>, total: FlowCounts, };

export type CoverageView = { strategy: Array<Choice>, rows: Array<CoverageRowView>, 
/**
 * The largest cell, for shading.
 */
max: number, };

export type CoverageRowView = { function: Choice, cells: Array<number>, 
/**
 * Goals of the function that reach no strategy goal.
 */
untraced: number, 
/**
 * The function's goals (strategy goals aside).
 */
goals: number, };

export type ScorecardView = { function: Choice, people: number, goals: number, person_goals: number, aligned: number, 
/**
 * Aligned and in no imposed, conflicting or unguarded-volume finding.
 */
sound: number, 
/**
 * The function's alignment index (sound / person goals), one decimal.
 */
index: number | null, 
/**
 * Findings about the function's goals, people and units.
 */
findings: number, errors: number, warnings: number, infos: number, by_rule: Array<RuleCountView>, 
/**
 * Goals other functions set on it, and goals it sets on others.
 */
imposed_in: FlowCounts, imposed_out: FlowCounts, 
/**
 * People with goals, and of those without a recent check-in (the first
 * [`STALE_LISTED`] named).
 */
people_with_goals: number, stale: number, stale_people: Array<StalePerson>, 
/**
 * Goals owned in the function on a leading measure, a lagging one, and none.
 */
leading: number, lagging: number, unmeasured: number, };

export type RuleCountView = { rule: string, 
/**
 * The rule's name for people ("Imposed goal").
 */
name: string, severity: Severity, count: number, };

export type StalePerson = { id: string, name: string, 
/**
 * Their last check-in (YYYY-MM-DD), if any.
 */
last_check_in: string | null, };

export type AlignmentCell = { "kind": "flow", setter: string, owner: string, } | { "kind": "coverage", function: string, strategy: string | null, };

export type AlignmentGoals = { 
/**
 * "Executive team → Sales: 2 goals".
 */
title: string, 
/**
 * The first [`GOALS_LISTED`], in map order.
 */
goals: Array<AlignmentGoal>, total: number, 
/**
 * What the findings panel shows for them: the owner function's findings (of the
 * rule the cell is about, if one).
 */
filter: FindingFilter, };

export type AlignmentGoal = { id: string, title: string, owner: string, set_by: string, in_line: boolean, aligned: boolean, status: Status, 
/**
 * Findings naming the goal, and the worst of their severities.
 */
findings: number, worst: Severity | null, 
/**
 * The rules of those findings, by their names for people, in the findings' order.
 */
rules: Array<string>, };

export type FixOption = { label: string, edit: Edit, };

export type DraftInfo = { 
/**
 * What it tries ("Calls target at 80").
 */
name: string, 
/**
 * When it was started (RFC 3339).
 */
started_at: string, 
/**
 * How many edits it holds.
 */
edits: number, 
/**
 * Against the map before the draft: findings it resolves and makes, and the index
 * before → after.
 */
resolved: number, new: number, index_before: number | null, index_after: number | null, 
/**
 * Set when the file's draft no longer applies to the map (why): it can only be
 * discarded.
 */
problem: string | null, };

export type PictureFormat = "png" | "svg";

export type ImportRequest = { target: ImportTarget, 
/**
 * The organisation's name; absent: the workspace's, else the first file's name.
 */
organisation: string | null, columns: Array<ColumnChoice>, 
/**
 * The unit level columns, top first (instead of Division, Department, Team).
 */
levels: Array<string> | null, date_order: DateOrderChoice | null, decimal_comma: boolean, 
/**
 * Delete what the files no longer mention (off unless the user turns it on).
 */
remove_missing: boolean, };

export type ImportTarget = "open" | "new";

export type DateOrderChoice = "dmy" | "mdy";

export type ColumnChoice = { file: string, sheet: string | null, header: string, field: string | null, };

export type ImportPreview = { 
/**
 * The choices this preview was made with (with remembered column choices filled in
 * when the files were picked): the page sends it back, changed.
 */
request: ImportRequest, 
/**
 * The open workspace's file name (an import into it); `None` for a new workspace.
 */
into: string | null, 
/**
 * The organisation's name the import gives.
 */
organisation: string, files: Array<ImportFile>, tables: Array<TablePreview>, 
/**
 * The first [`PROBLEMS_MAX`] problems, in the order of the files, sheets and rows.
 */
problems: Array<ImportProblem>, problem_count: number, 
/**
 * The change set; `None` while there are problems.
 */
changes: ImportChanges | null, 
/**
 * Why Import cannot run yet; `None`: it can.
 */
blocked: string | null, };

export type ImportFile = { name: string, bytes: number, tables: number, problem: string | null, };

export type ImportTableKind = "people" | "goals" | "skipped";

export type FieldMapping = { 
/**
 * The field's name (`email`, `function`, `set_by`), as a [`ColumnChoice`] names it.
 */
field: string, label: string, 
/**
 * What the field is for, in a few words.
 */
hint: string, required: boolean, 
/**
 * The header of the column giving it; `None`: no column does.
 */
header: string | null, };

export type HeaderMapping = { header: string, field: string | null, };

export type RowStatus = "added" | "updated" | "unchanged" | "problem";

export type PreviewCell = { field: string, text: string, problem: string | null, };

export type PreviewLine = { 
/**
 * The spreadsheet's own row number.
 */
row: number, 
/**
 * The map id it gives (or keeps).
 */
id: string | null, status: RowStatus, 
/**
 * For a person, the unit they will be in (`Sales > Enterprise`; empty: the
 * organisation itself); for a goal, `None`.
 */
unit: string | null, 
/**
 * One per mapped column, in the order of [`TablePreview::shown`].
 */
cells: Array<PreviewCell>, 
/**
 * Problems of the row that belong to no shown cell.
 */
problems: Array<string>, };

export type TablePreview = { file: string, sheet: string | null, 
/**
 * `FILE` or `FILE:SHEET`.
 */
label: string, kind: ImportTableKind, 
/**
 * `csv` (delimited text), `xlsx`, `xls` or `ods`.
 */
file_kind: string, header_row: number | null, data_rows: number, 
/**
 * Every field of the table's kind (for a skipped table, the fields that make it
 * people or goals) with the column recognised for it.
 */
fields: Array<FieldMapping>, 
/**
 * Every header of the header row (of a skipped table: its first row), with its field.
 */
headers: Array<HeaderMapping>, 
/**
 * The fields the preview shows, in column order (label per field).
 */
shown: Array<FieldMapping>, preview: Array<PreviewLine>, 
/**
 * Its column choices came from a remembered mapping for these headers.
 */
remembered: boolean, };

export type ImportProblem = { 
/**
 * `FILE[:SHEET] row N, column "HEADER": message`.
 */
text: string, file: string, sheet: string | null, row: number | null, column: string | null, message: string, };

export type FieldChange = { field: string, old: string, new: string, };

export type ChangeItem = { id: string, 
/**
 * A name or a goal's title.
 */
label: string, 
/**
 * A unit's path; a measure's origin ("from the measure library" or "new").
 */
detail: string | null, fields: Array<FieldChange>, 
/**
 * With remove-missing: why it is kept.
 */
refused: string | null, };

export type ChangeList = { total: number, items: Array<ChangeItem>, };

export type ChangeGroup = { added: ChangeList, updated: ChangeList, missing: ChangeList, unchanged: number, };

export type ImportChanges = { people: ChangeGroup, units: ChangeGroup, goals: ChangeGroup, 
/**
 * Added measures only: from the measure library or new.
 */
measures: ChangeGroup, measures_from_library: number, ignored_columns: Array<string>, skipped_tables: Array<string>, 
/**
 * The import would change nothing.
 */
changes_nothing: boolean, 
/**
 * "12 people added, 3 updated; 4 units created; ..." (the status line after Import).
 */
summary: string, };

export type ReportFormat = "pdf" | "html" | "xlsx" | "csv" | "md" | "json";

export type ReportPaper = "a4" | "letter";

/** Each enum's values and labels, in the order the app lists them (from model.rs). */
export const ENUM_VALUES = {
  RuleSetting: [{ value: "off", label: "Off" }, { value: "info", label: "Info" }, { value: "warning", label: "Warning" }, { value: "error", label: "Error" }] as { value: RuleSetting; label: string }[],
  UnitKind: [{ value: "organisation", label: "Organisation" }, { value: "function", label: "Function" }, { value: "team", label: "Team" }] as { value: UnitKind; label: string }[],
  MeasureKind: [{ value: "outcome", label: "Outcome" }, { value: "activity", label: "Activity" }, { value: "quality", label: "Quality" }, { value: "behaviour", label: "Behaviour" }, { value: "development", label: "Development" }] as { value: MeasureKind; label: string }[],
  Direction: [{ value: "increase", label: "Higher is better" }, { value: "decrease", label: "Lower is better" }] as { value: Direction; label: string }[],
  Effect: [{ value: "undermines", label: "Undermines" }, { value: "supports", label: "Supports" }, { value: "feeds", label: "Feeds" }, { value: "guards", label: "Guards" }] as { value: Effect; label: string }[],
  Level: [{ value: "strategy", label: "Strategy" }, { value: "objective", label: "Objective" }] as { value: Level; label: string }[],
  Status: [{ value: "proposed", label: "Proposed" }, { value: "agreed", label: "Agreed" }, { value: "disputed", label: "Disputed" }] as { value: Status; label: string }[],
  CheckInKind: [{ value: "coaching", label: "Coaching" }, { value: "review", label: "Review" }, { value: "feedback", label: "Feedback" }] as { value: CheckInKind; label: string }[],
  AgreementKind: [{ value: "proposed", label: "Proposed" }, { value: "countered", label: "Countered" }, { value: "agreed", label: "Agreed" }, { value: "disputed", label: "Disputed" }] as { value: AgreementKind; label: string }[],
};

/** Every command the backend answers: its arguments and its result. */
export interface Commands {
  app_status: { args: Record<string, never>; result: AppStatus };
  open_sample_cmd: { args: Record<string, never>; result: Change };
  new_workspace: { args: { name: string }; result: Change | null };
  open_workspace: { args: { readOnly: boolean }; result: Change | null };
  open_recent: { args: { path: string }; result: Change };
  close_workspace: { args: Record<string, never>; result: void };
  import_map: { args: Record<string, never>; result: Change | null };
  export_map: { args: Record<string, never>; result: string | null };
  save_copy: { args: Record<string, never>; result: string | null };
  get_view: { args: { request: ViewRequest }; result: ViewModel };
  get_findings: { args: { filter: FindingFilter }; result: FindingsPage };
  apply_edit: { args: { edit: Edit }; result: Change };
  undo: { args: Record<string, never>; result: Change };
  redo: { args: Record<string, never>; result: Change };
  reset_sample: { args: Record<string, never>; result: Change };
  start_draft: { args: { name: string }; result: Change };
  keep_draft: { args: { decision: DecisionRequest | null }; result: Change };
  discard_draft: { args: Record<string, never>; result: Change };
  search: { args: { query: string; limit: number | null }; result: Array<SearchHit> };
  get_entity: { args: { id: string }; result: Entity };
  get_choices: { args: Record<string, never>; result: Choices };
  measures_view: { args: Record<string, never>; result: MeasuresView };
  measures_designer: { args: { function: string | null }; result: MeasuresDesigner };
  alignment_view: { args: Record<string, never>; result: AlignmentView };
  alignment_goals: { args: { cell: AlignmentCell }; result: AlignmentGoals };
  rule_doc: { args: { id: string }; result: RuleDoc };
  list_rules: { args: Record<string, never>; result: Array<RuleDoc> };
  list_snapshots: { args: Record<string, never>; result: Array<SnapshotEntry> };
  save_snapshot: { args: { name: string }; result: SnapshotInfo };
  restore_snapshot: { args: { id: number }; result: Change };
  delete_snapshot: { args: { id: number }; result: string };
  compare: { args: { before: CompareSide; after: CompareSide }; result: BeforeAfter };
  list_decisions: { args: Record<string, never>; result: Array<DecisionView> };
  get_fixes: { args: { key: FindingKey }; result: Array<FixOption> };
  record_decision: { args: { decision: DecisionRequest }; result: Change };
  update_decision: { args: { id: number; decision: DecisionRequest }; result: Change };
  delete_decision: { args: { id: number }; result: Change };
  record_agreement: { args: { step: AgreementInput }; result: Change };
  get_agreements: { args: { goal: string }; result: AgreementHistory };
  export_report: { args: { request: ReportRequest }; result: ReportSaved | null };
  cancel_report: { args: Record<string, never>; result: void };
  open_report: { args: { id: number }; result: void };
  reveal_report: { args: { id: number }; result: void };
  mark_timing: { args: { what: string; ms: number | null }; result: void };
  import_pick_files: { args: { request: ImportRequest }; result: ImportPreview | null };
  import_preview: { args: { request: ImportRequest }; result: ImportPreview };
  import_remove_file: { args: { name: string; request: ImportRequest }; result: ImportPreview };
  import_apply: { args: { request: ImportRequest }; result: Change | null };
  import_cancel: { args: Record<string, never>; result: void };
  export_spreadsheet: { args: Record<string, never>; result: string | null };
  save_picture: { args: { name: string; format: PictureFormat; data: string }; result: string | null };
}

/** Every event the backend sends the page, by name, with its payload. */
export interface Events {
  "doc-changed": Change;
  "menu": MenuAction;
  "startup-error": AppError;
  "app-error": AppError;
  "report-writing": null;
}
