//! The open document and its one analysed revision.
//!
//! A [`Revision`] is everything the page reads, computed once per change: the map
//! (shared with the store, not copied), its index (`Org`), the findings, and the indexes
//! the map view and the findings panel share. Every read — view, findings, entity,
//! choices, search — uses the current revision; every change (edit, undo, redo, restore,
//! import, open) builds exactly one new one and returns a [`Change`] naming it.

use crate::before_after::{self, BeforeAfter, CompareSide, SnapshotCache, SnapshotEntry};
use crate::decisions::{self, DecisionRequest, DecisionView};
use crate::error::{AppError, AppResult, ErrorCode};
use crate::import::{
    ImportDraft, ImportPreview, ImportRequest, ImportTarget, PickedFile, RememberedMappings,
};
use crate::projections;
use crate::types::{Change, ChangeKind, Choices, DocInfo, Entity, MeasuresView, ReportRequest};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use throughline_core::agreement::AgreementInput;
use throughline_core::analysis::{self, resolve_as_of, Analysis, Hit, Reach};
use throughline_core::effect::{self, ChangeEffect, Fingerprints};
use throughline_core::org::{IdIndex, Node};
use throughline_core::{format, Map, Org};
use throughline_store::{Applied, Edit, Options, SnapshotInfo, Touched, Workspace};
use throughline_view::{
    build_view_indexed, findings_page_indexed, search, FindingFilter, FindingsIndex, FindingsPage,
    SearchHit, ViewIndex, ViewModel, ViewRequest,
};

/// One analysed state of the map: built once per change, read by every panel.
pub struct Revision {
    /// Its number, unique in the session: the page fetches each panel once per number.
    pub number: u64,
    /// The map's index; `org.map` is the map, shared with the workspace.
    pub org: Org,
    /// The findings (messages written when a page asks for them) and the summary.
    pub analysis: Analysis,
    pub as_of: NaiveDate,
    pub view_index: ViewIndex,
    pub findings_index: FindingsIndex,
    /// Its findings' identity hashes, once a change has taken them: the next change's
    /// "before" for its effect, so each change hashes the findings once.
    prints: Option<Fingerprints>,
    /// The alignment views, computed when first asked for (once per revision).
    alignment: std::sync::OnceLock<crate::alignment::AlignmentView>,
}

impl Revision {
    /// Index and analyse `map` (one `Org` build), its ids indexed already by the store.
    pub fn build(number: u64, map: Arc<Map>, ids: &IdIndex, today: NaiveDate) -> Revision {
        Revision::analyse(number, Org::with_ids(map, ids.clone()), today)
    }

    /// Analyse an indexed map.
    fn analyse(number: u64, org: Org, today: NaiveDate) -> Revision {
        let as_of = resolve_as_of(None, &org.map, today);
        let analysis = analysis::run(&org, as_of);
        Revision::indexed(number, org, analysis, as_of)
    }

    /// Build the view's and the findings panel's indexes of an analysed map (side by side:
    /// each reads every finding).
    fn indexed(number: u64, org: Org, analysis: Analysis, as_of: NaiveDate) -> Revision {
        let (view_index, findings_index) = std::thread::scope(|s| {
            let findings = s.spawn(|| FindingsIndex::new(&org, &analysis));
            let view = ViewIndex::new(&org, &analysis);
            (view, findings.join().expect("the findings index panicked"))
        });
        Revision {
            number,
            view_index,
            findings_index,
            org,
            analysis,
            as_of,
            prints: None,
            alignment: std::sync::OnceLock::new(),
        }
    }

    pub fn map(&self) -> &Map {
        &self.org.map
    }

    /// The alignment views of this revision: computed on the first call, kept for the
    /// next ones.
    pub fn alignment(&self) -> &crate::alignment::AlignmentView {
        self.alignment
            .get_or_init(|| crate::alignment::alignment_view(self))
    }

    /// Every finding with its message, and the summary (what `check` reports).
    pub fn report(&self) -> throughline_core::Report {
        self.analysis.report(&self.org)
    }

    /// Findings of this revision (by their index among its hits) as the panel's rows: the
    /// new findings an effect notice lists.
    pub fn rows_of(&self, hits: &[u32]) -> Vec<throughline_view::FindingRow> {
        hits.iter()
            .filter_map(|&i| self.findings_index.row(&self.org, &self.analysis, i))
            .collect()
    }

    /// A finding's identity (its rule, subject and related ids), as `get_fixes` and the
    /// decisions take it: what [`Revision::hit_index`] finds again.
    pub fn key_of(
        &self,
        hit: &throughline_core::analysis::Hit,
    ) -> throughline_store::decisions::FindingKey {
        let id = |n| throughline_core::org::id_of(&self.org.map, n).to_string();
        throughline_store::decisions::FindingKey {
            rule: hit.rule().id.to_string(),
            subject: id(hit.subject),
            related: hit.related.iter().map(|&n| id(n)).collect(),
        }
    }

    /// The finding named by `key` (its rule, subject and related ids), by its index among
    /// this revision's hits, if the revision has it.
    pub fn hit_index(&self, key: &throughline_store::decisions::FindingKey) -> Option<usize> {
        let map = &self.org.map;
        let id = |n| throughline_core::org::id_of(map, n);
        self.analysis.hits.iter().position(|h| {
            h.rule().id == key.rule
                && id(h.subject) == key.subject
                && h.related.len() == key.related.len()
                && h.related.iter().zip(&key.related).all(|(&n, r)| id(n) == r)
        })
    }
}

/// What of the current revision a change can keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Nothing: index and analyse the new map.
    Nothing,
    /// The index (no structural field changed, see `Org::rebind`): run the rules again.
    Index,
    /// The index patched for this goal, the only entity that changed
    /// (`Org::rebind_goal`, which says which of its terms changed), and the findings but
    /// those the change reaches (`Analysis::rerun`: the rules reading a changed term, and
    /// the goal-local rules for this goal).
    Goal(u32),
    /// As `Goal` if the change turns out to touch one goal only and keep every entity in
    /// its place (an undo or a redo of a goal edit), else built again.
    IfOneGoal,
    /// The index and the findings (only wording changed, which no rule reads): the
    /// messages are written from the new map when asked for.
    Analysis,
}

/// What a change carries from the old revision to the new one, while the store changes the
/// map (the index holds no share of it meanwhile: `Org::release_map`).
enum Kept {
    Nothing,
    Index(Box<Org>),
    Findings(Box<Revision>),
    Goal(Box<Revision>, u32),
    IfOneGoal(Box<Revision>),
}

/// The findings a change re-ran ([`Analysis::rerun`]): what it reached, and the findings
/// it took out (the same entities in the same places: they read the same against the new
/// index), from which the change's effect is counted without hashing every finding.
struct Rerun {
    reach: Reach,
    removed: Vec<Hit>,
}

impl Kept {
    fn take(rev: Revision, keep: Keep) -> Kept {
        let mut rev = rev;
        rev.org.release_map();
        match keep {
            Keep::Nothing => Kept::Nothing,
            Keep::Index => Kept::Index(Box::new(rev.org)),
            Keep::Goal(g) => Kept::Goal(Box::new(rev), g),
            Keep::IfOneGoal => Kept::IfOneGoal(Box::new(rev)),
            Keep::Analysis => Kept::Findings(Box::new(rev)),
        }
    }

    /// The revision of `map`: the map after the change, which `touched` says the change
    /// touched, or (`None`) the same map when the change failed; and what it re-ran, when
    /// it re-ran only what the change reached.
    fn revision(
        self,
        number: u64,
        (map, ids): (Arc<Map>, &IdIndex),
        touched: Option<&Touched>,
        today: NaiveDate,
    ) -> (Revision, Option<Rerun>) {
        let rebound = |mut org: Org, map| {
            org.rebind(map);
            org
        };
        // The findings are kept only while the as-of date stays (midnight may pass).
        let same_day = |org: &Org, as_of| resolve_as_of(None, &org.map, today) == as_of;
        let Some(touched) = touched else {
            // The change failed: the same map, so the same revision where one was kept.
            return match self {
                Kept::Nothing => (Revision::build(number, map, ids, today), None),
                Kept::Index(org) => (Revision::analyse(number, rebound(*org, map), today), None),
                Kept::Findings(rev) | Kept::Goal(rev, _) | Kept::IfOneGoal(rev) => {
                    Kept::Findings(rev).revision(
                        number,
                        (map, ids),
                        Some(&Touched::Entities(Vec::new())),
                        today,
                    )
                }
            };
        };
        match self {
            Kept::Nothing => (Revision::build(number, map, ids, today), None),
            Kept::Index(org) => (Revision::analyse(number, rebound(*org, map), today), None),
            Kept::Goal(rev, g) => {
                let Revision {
                    mut org,
                    mut analysis,
                    as_of,
                    ..
                } = *rev;
                let change = org.rebind_goal(map, g);
                if !same_day(&org, as_of) {
                    return (Revision::analyse(number, org, today), None);
                }
                let reach = Reach::of_goal(&org, &change);
                let removed = analysis.rerun(&org, &reach);
                let rev = Revision::indexed(number, org, analysis, as_of);
                (rev, Some(Rerun { reach, removed }))
            }
            Kept::IfOneGoal(rev) => match one_goal_in_place(ids, &map, touched) {
                Some(g) => Kept::Goal(rev, g).revision(number, (map, ids), Some(touched), today),
                // The map did not change (a decision undone or redone): the revision as it was.
                None if *touched == Touched::Entities(Vec::new()) => {
                    Kept::Findings(rev).revision(number, (map, ids), Some(touched), today)
                }
                None => (Revision::build(number, map, ids, today), None),
            },
            Kept::Findings(rev) => {
                let rev = *rev;
                let org = rebound(rev.org, map);
                if !same_day(&org, rev.as_of) {
                    return (Revision::analyse(number, org, today), None);
                }
                // Names may have changed: the views are computed again when asked for.
                let rev = Revision {
                    number,
                    org,
                    alignment: std::sync::OnceLock::new(),
                    ..rev
                };
                (rev, None)
            }
        }
    }
}

/// The goal a change touched, when it touched only that goal (ids are unique across the
/// map, and a check-in or an interaction counts as its person or measure): its place in
/// `map`, the map after the change, found through the store's index of it (`ids`). The
/// caller has made sure the change moved no row (`Document::last_in_place`), so the goal
/// is where it was.
fn one_goal_in_place(ids: &IdIndex, map: &Map, touched: &Touched) -> Option<u32> {
    match touched {
        Touched::Entities(touched) => match touched.as_slice() {
            [id] => match ids.get(map, id) {
                Some(Node::Goal(g)) => Some(g),
                _ => None,
            },
            _ => None,
        },
        Touched::Everything => None,
    }
}

/// An open workspace and its current revision.
pub struct Document {
    ws: Workspace,
    /// `None` only while a change runs (so the store changes the map in place). While a
    /// draft is open, the draft's revision: every panel shows the draft.
    rev: Option<Revision>,
    /// The open draft (`crate::draft`), if any.
    draft: Option<crate::draft::DraftDoc>,
    /// The file's draft when it no longer applies to the map, until discarded.
    draft_problem: Option<crate::draft::DraftProblem>,
}

impl Document {
    /// The map changes act on — the draft's while one is open, else the workspace's — and
    /// the index of its ids, which the store keeps up to date.
    fn shared_indexed(&self) -> (Arc<Map>, &IdIndex) {
        match &self.draft {
            Some(d) => (d.draft.shared_map(), d.draft.ids()),
            None => (self.ws.shared_map(), self.ws.ids()),
        }
    }

    /// Did the last change, in the draft or the workspace, leave every row where it was?
    fn last_in_place(&self) -> bool {
        match &self.draft {
            Some(d) => d.draft.last_in_place(),
            None => self.ws.last_in_place(),
        }
    }

    /// What the last change touched, in the draft or the workspace.
    fn last_touched(&self) -> &Touched {
        match &self.draft {
            Some(d) => d.draft.last_touched(),
            None => self.ws.last_touched(),
        }
    }

    /// What undo and redo would do: inside the draft while one is open.
    fn history(&self) -> AppResult<throughline_store::HistoryState> {
        Ok(match &self.draft {
            Some(d) => d.draft.history(),
            None => self.ws.history()?,
        })
    }

    /// The workspace, for a change only it can make: refused while a draft is open.
    fn workspace_only(&mut self) -> Result<&mut Workspace, throughline_store::StoreError> {
        match &self.draft {
            Some(d) => Err(throughline_store::StoreError::Refused(format!(
                "the draft “{}” is open: keep or discard it first (Keep can record a decision)",
                d.draft.name()
            ))),
            None => Ok(&mut self.ws),
        }
    }

    /// An edit, an undo or a redo: in the draft (its list then written to the file; if
    /// that fails, the draft's step is taken back) or in the workspace.
    fn edit(
        &mut self,
        f: impl FnOnce(&mut dyn crate::draft::Editor) -> Result<Applied, throughline_store::StoreError>,
        back: fn(
            &mut throughline_store::draft::Draft,
        ) -> Result<String, throughline_store::StoreError>,
    ) -> Result<Applied, throughline_store::StoreError> {
        match &mut self.draft {
            Some(d) => {
                let applied = f(&mut d.draft)?;
                if let Err(e) = self.ws.save_draft(&d.draft) {
                    let _ = back(&mut d.draft);
                    return Err(e);
                }
                Ok(applied)
            }
            None => f(&mut self.ws),
        }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    pub fn revision(&self) -> &Revision {
        self.rev
            .as_ref()
            .expect("a document always has a revision outside a change")
    }
}

/// The app's state without Tauri: at most one open document, the clock, and the revision
/// counter (numbers never repeat in a session, across files).
pub struct Session {
    doc: Option<Document>,
    /// The files of the import wizard, read once, while it is open.
    import: Option<ImportDraft>,
    /// The open document's snapshots, read and analysed once (snapshots never change).
    snaps: SnapshotCache,
    last_revision: u64,
    today: Box<dyn Fn() -> NaiveDate + Send>,
    /// Where the app keeps its sample organisation (File ▸ Reset Sample acts on that file).
    sample: Option<PathBuf>,
}

fn no_doc() -> AppError {
    AppError::new(ErrorCode::NoDocument, "No workspace is open.")
}

impl Session {
    /// `today`: the date used when the map does not fix `settings.as_of`.
    pub fn new(today: impl Fn() -> NaiveDate + Send + 'static) -> Session {
        Session {
            doc: None,
            import: None,
            snaps: SnapshotCache::default(),
            last_revision: 0,
            today: Box::new(today),
            sample: None,
        }
    }

    /// The file the app keeps its sample organisation in.
    pub fn set_sample_path(&mut self, path: PathBuf) {
        self.sample = Some(path);
    }

    /// Is the open document the sample's file?
    pub fn is_sample(&self) -> bool {
        self.sample.as_deref().is_some_and(|p| self.holds(p))
    }

    /// File ▸ Reset Sample: the sample organisation as it ships, in place of the open
    /// sample's map, as one change (Undo brings the trial edits back). Refused for any
    /// other file.
    pub fn reset_sample(&mut self) -> AppResult<Change> {
        if !self.is_sample() {
            return Err(AppError::new(
                ErrorCode::Invalid,
                "Reset Sample restores the sample organisation: the open file is not the \
                 sample (File ▸ Open the Sample Organisation opens it).",
            ));
        }
        self.replace_map(&crate::sample_map()?, "Reset the sample organisation")
    }

    pub fn is_open(&self) -> bool {
        self.doc.is_some()
    }

    pub fn document(&self) -> AppResult<&Document> {
        self.doc.as_ref().ok_or_else(no_doc)
    }

    /// The current revision.
    pub fn revision(&self) -> AppResult<&Revision> {
        Ok(self.document()?.revision())
    }

    fn next_revision(&mut self) -> u64 {
        self.last_revision += 1;
        self.last_revision
    }

    // ---- opening and closing -------------------------------------------------------

    /// Make `ws` the open document (closing the one before). Returns what the page needs.
    pub fn install(&mut self, ws: Workspace) -> AppResult<Change> {
        let problem = self.close();
        self.snaps = SnapshotCache::default();
        let number = self.next_revision();
        let rev = Revision::build(number, ws.shared_map(), ws.ids(), (self.today)());
        // A draft in the file opens with it: every panel shows the draft.
        let (draft, draft_problem) = match ws.draft() {
            Ok(Some(d)) => (Some(d), None),
            Ok(None) => (None, None),
            Err(e) => {
                let record = ws.draft_record().ok().flatten();
                let problem = crate::draft::DraftProblem {
                    name: record.as_ref().map(|r| r.name.clone()).unwrap_or_default(),
                    started_at: record.map(|r| r.started_at).unwrap_or_default(),
                    why: e.to_string(),
                };
                (None, Some(problem))
            }
        };
        self.doc = Some(Document {
            ws,
            rev: Some(rev),
            draft: None,
            draft_problem,
        });
        if let Some(d) = draft {
            self.enter_draft(d);
        }
        let doc = self.info()?;
        Ok(Change {
            kind: ChangeKind::Opened,
            label: match problem {
                Some(p) => format!("Opened {} ({p})", doc.file_name),
                None => format!("Opened {}", doc.file_name),
            },
            doc: Some(doc),
            created: None,
            touched: Touched::Everything,
            effect: None,
            new_findings: Vec::new(),
        })
    }

    /// Open a workspace file. The open document stays open when the file cannot be opened
    /// (a refused file costs the user nothing); it is closed first only when it is the
    /// same file, which must not find itself locked.
    pub fn open(&mut self, path: &Path, read_only: bool) -> AppResult<Change> {
        if self.holds(path) {
            self.close();
        }
        let opts = if read_only {
            Options::read_only()
        } else {
            Options::default()
        };
        let ws = Workspace::open(path, opts)?;
        self.install(ws)
    }

    /// Is `path` the open document's file?
    fn holds(&self, path: &Path) -> bool {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => a == b,
        };
        self.doc.as_ref().is_some_and(|d| same(d.ws.path(), path))
    }

    /// Create a workspace holding `map` and open it (`overwrite`: the save dialog has
    /// already asked before replacing a file).
    pub fn create(&mut self, path: &Path, map: &Map, overwrite: bool) -> AppResult<Change> {
        if self.holds(path) {
            self.close();
        }
        let ws = Workspace::create(path, map, overwrite, Options::default())?;
        self.install(ws)
    }

    /// Open `path`, or create it holding `map` when there is no such file (the sample).
    pub fn open_or_create(&mut self, path: &Path, map: &Map) -> AppResult<Change> {
        if path.exists() {
            self.open(path, false)
        } else {
            self.create(path, map, false)
        }
    }

    /// Close the open document. Returns what went wrong leaving it as one whole file
    /// (another program still reading it); the edits themselves are saved.
    pub fn close(&mut self) -> Option<String> {
        let old = self.doc.take()?;
        old.ws.close().err().map(|e| e.to_string())
    }

    // ---- changes -------------------------------------------------------------------

    /// Run one change on the workspace and build the one revision after it, keeping what
    /// `keep` says the change cannot alter.
    fn change(
        &mut self,
        kind: ChangeKind,
        keep: Keep,
        f: impl FnOnce(&mut Document) -> Result<Applied, throughline_store::StoreError>,
    ) -> AppResult<Change> {
        let today = (self.today)();
        let number = self.last_revision + 1;
        let doc = self.doc.as_mut().ok_or_else(no_doc)?;
        // Let go of the revision's share of the map, so the store changes the map in
        // place instead of copying it (the revision is rebuilt below either way).
        let mut old = doc.rev.take().expect("a revision outside a change");
        let old_number = old.number;
        // The findings before, kept as identity hashes: the store changes the map in place.
        // A wording edit keeps the findings, and its revision keeps their prints.
        let full = match keep {
            Keep::Analysis => None,
            _ => Some(
                old.prints
                    .take()
                    .unwrap_or_else(|| effect::fingerprints(&old.org, &old.analysis)),
            ),
        };
        let (index_before, as_of_before) = (old.analysis.summary.alignment_index, old.as_of);
        let kept = Kept::take(old, keep);
        let result = f(doc);
        let applied = match result {
            Ok(a) => a,
            Err(e) => {
                // Refused before anything was written: the same map again, under its old
                // number. Any other failure (the file could not be written, and reading it
                // back may have failed too): the map the store holds, indexed afresh.
                use throughline_store::StoreError as E;
                let refused = matches!(
                    e,
                    E::Refused(_) | E::Invalid(_) | E::NothingTo(_) | E::ReadOnly
                );
                let kept = if refused { kept } else { Kept::Nothing };
                let (mut rev, _) = kept.revision(old_number, doc.shared_indexed(), None, today);
                if refused && rev.prints.is_none() && rev.as_of == as_of_before {
                    rev.prints = full;
                }
                doc.rev = Some(rev);
                return Err(e.into());
            }
        };
        // The store says what the ops touched (a restore or an import: the whole map).
        let touched = doc.last_touched().clone();
        // A goal's findings and index are patched only where every row stayed in place (a
        // goal removed and made again under its id, in one step, moves the goals after it).
        let kept = match kept {
            Kept::Goal(..) | Kept::IfOneGoal(_) if !doc.last_in_place() => Kept::Nothing,
            kept => kept,
        };
        let (mut rev, rerun) = kept.revision(number, doc.shared_indexed(), Some(&touched), today);
        let effect = match (full, rerun) {
            (Some(full), Some(Rerun { reach, removed })) => {
                // Only the findings the change reached were made again: count those.
                let before = effect::prints_of(&rev.org, &removed, index_before);
                let (effect, after) =
                    effect::effect_of_reach(&before, &rev.org, &rev.analysis, &reach);
                rev.prints = Some(full.patched(&before, &after));
                effect
            }
            (Some(full), None) => {
                let (effect, prints) =
                    effect::effect_and_fingerprints(&full, &rev.org, &rev.analysis);
                rev.prints = Some(prints);
                effect
            }
            // Only wording changed: the findings were kept as they were.
            (None, _) => ChangeEffect::unchanged(index_before),
        };
        let new_findings = rev.rows_of(&effect.new_hits);
        doc.rev = Some(rev);
        self.last_revision = number;
        Ok(Change {
            kind,
            label: applied.label,
            doc: Some(self.info()?),
            created: applied.created,
            touched,
            effect: Some(effect),
            new_findings,
        })
    }

    pub fn apply_edit(&mut self, edit: &Edit) -> AppResult<Change> {
        // Most workshop edits change one goal: its index terms are patched and only the
        // findings the change reaches are made again (for a target, a date or a status, the
        // goal-local rules' findings of that goal). With only a title or a name changed,
        // the findings stay as they are.
        let org = &self.revision()?.org;
        let one_goal = |id: &str| org.goal_index(id).map_or(Keep::Nothing, Keep::Goal);
        // One edit under another label (a one-click fix) keeps what the edit keeps.
        let edit_kept = match edit {
            Edit::Batch { edits, .. } if edits.len() == 1 => &edits[0],
            _ => edit,
        };
        let keep = match edit_kept {
            Edit::PutGoal { goal } if org.goal_changes_only_wording(goal) => Keep::Analysis,
            Edit::PutPerson { person } if org.person_changes_only_wording(person) => Keep::Analysis,
            Edit::PutPerson { person } if org.person_keeps_structure(person) => Keep::Index,
            Edit::PutGoal { goal } => one_goal(&goal.id),
            Edit::LinkSupport { goal, .. }
            | Edit::UnlinkSupport { goal, .. }
            | Edit::LinkValue { goal, .. }
            | Edit::UnlinkValue { goal, .. } => one_goal(goal),
            _ => Keep::Nothing,
        };
        self.change(ChangeKind::Edited, keep, |doc| {
            doc.edit(
                |e| e.apply_edit(edit),
                throughline_store::draft::Draft::undo,
            )
        })
    }

    pub fn undo(&mut self) -> AppResult<Change> {
        self.change(ChangeKind::Undone, Keep::IfOneGoal, |doc| {
            doc.edit(
                |e| Ok(labelled(format!("Undid: {}", e.undo()?))),
                throughline_store::draft::Draft::redo,
            )
        })
    }

    pub fn redo(&mut self) -> AppResult<Change> {
        self.change(ChangeKind::Redone, Keep::IfOneGoal, |doc| {
            doc.edit(
                |e| Ok(labelled(format!("Redid: {}", e.redo()?))),
                throughline_store::draft::Draft::undo,
            )
        })
    }

    pub fn restore_snapshot(&mut self, id: i64) -> AppResult<Change> {
        self.change(ChangeKind::Restored, Keep::Nothing, |doc| {
            Ok(labelled(doc.workspace_only()?.restore_snapshot(id)?))
        })
    }

    /// Replace the open workspace's map (File ▸ Import map JSON), undoably.
    pub fn replace_map(&mut self, map: &Map, label: &str) -> AppResult<Change> {
        self.change(ChangeKind::Imported, Keep::Nothing, |doc| {
            doc.workspace_only()?.replace_map(map, label)?;
            Ok(labelled(label.to_string()))
        })
    }

    // ---- the import wizard and the spreadsheet export ------------------------------

    /// The map an import of `target` plans against: the open workspace's, or an empty one.
    fn import_base(&self, target: ImportTarget) -> AppResult<(Map, Option<String>)> {
        match target {
            ImportTarget::New => Ok((Map::new(""), None)),
            ImportTarget::Open => {
                let info = self.info()?;
                Ok((self.revision()?.map().clone(), Some(info.file_name)))
            }
        }
    }

    fn draft(&self) -> AppResult<&ImportDraft> {
        self.import
            .as_ref()
            .ok_or_else(|| AppError::new(ErrorCode::Invalid, "No files are picked for import."))
    }

    /// Read picked files into the wizard (adding to those picked before), fill in the
    /// column choices remembered for their header sets, and preview.
    pub fn import_add_files(
        &mut self,
        files: Vec<PickedFile>,
        mut request: ImportRequest,
        remembered: &RememberedMappings,
    ) -> AppResult<ImportPreview> {
        let draft = self.import.get_or_insert_with(ImportDraft::new);
        draft.add(files);
        draft.recall(remembered, &mut request);
        self.import_preview(&request)
    }

    /// Forget one picked file, and preview.
    pub fn import_remove_file(
        &mut self,
        name: &str,
        request: &ImportRequest,
    ) -> AppResult<ImportPreview> {
        if let Some(d) = self.import.as_mut() {
            d.remove(name);
        }
        self.import_preview(request)
    }

    /// What the wizard shows for these choices (the files are not read again; no
    /// revision is built).
    pub fn import_preview(&self, request: &ImportRequest) -> AppResult<ImportPreview> {
        let (base, into) = self.import_base(request.target)?;
        self.draft()?.preview(&base, request, into.as_deref())
    }

    /// The organisation a new workspace from these choices would hold, or every problem
    /// (asked before the save dialog, so nobody chooses a file for an import that cannot
    /// run).
    pub fn import_check(&self, request: &ImportRequest) -> AppResult<String> {
        let (base, _) = self.import_base(request.target)?;
        Ok(self.draft()?.plan(&base, request)?.map.organisation.name)
    }

    /// Import into the open workspace: one change (one revision, one undo step, the
    /// snapshot "Before import of NAME" saved first). Nothing is written when there is any
    /// problem. The column choices are remembered; the wizard's files are let go.
    pub fn import_apply(
        &mut self,
        request: &ImportRequest,
        remembered: &mut RememberedMappings,
    ) -> AppResult<Change> {
        let draft = self.draft()?;
        let plan = draft.plan(self.revision()?.map(), request)?;
        let changes = crate::import::import_changes(&plan, request.remove_missing);
        if changes.changes_nothing && plan.map == *self.revision()?.map() {
            return Err(AppError::new(
                ErrorCode::NothingToDo,
                "The workspace already holds what the files say: nothing to import.",
            ));
        }
        let name = draft.name().to_string();
        let mut change = self.change(ChangeKind::Imported, Keep::Nothing, |doc| {
            Ok(labelled(
                doc.workspace_only()?.import_map(&plan.map, &name)?,
            ))
        })?;
        change.label = format!("{}: {}", change.label, changes.summary);
        if let Some(d) = self.import.take() {
            d.remember(remembered, request);
        }
        Ok(change)
    }

    /// Create a workspace at `path` from the picked files and open it (the save dialog
    /// has already asked before replacing a file). Nothing is written when there is any
    /// problem.
    pub fn import_create(
        &mut self,
        path: &Path,
        request: &ImportRequest,
        remembered: &mut RememberedMappings,
    ) -> AppResult<Change> {
        let draft = self.draft()?;
        let plan = draft.plan(&Map::new(""), request)?;
        let changes = crate::import::import_changes(&plan, false);
        let name = draft.name().to_string();
        let mut change = self.create(path, &plan.map, true)?;
        change.label = format!(
            "Created {} from {name}: {}",
            change_file(path),
            changes.summary
        );
        if let Some(d) = self.import.take() {
            d.remember(remembered, request);
        }
        Ok(change)
    }

    /// Close the wizard: its files are let go.
    pub fn import_cancel(&mut self) {
        self.import = None;
    }

    /// Write the open workspace as an XLSX workbook (People and Goals sheets that
    /// re-import with no change, and the workspace's decisions in a Decisions sheet the
    /// import skips), atomically. `force`: the dialog already asked. Returns the bytes
    /// written.
    pub fn export_xlsx(&self, path: &Path, force: bool) -> AppResult<u64> {
        let doc = self.document()?;
        let org = &doc.revision().org;
        let name_now = |id: &str| org.name_of(id).map(str::to_string);
        let decisions: Vec<throughline_import::DecisionRow> = doc
            .ws
            .decisions()?
            .into_iter()
            .map(|d| throughline_import::DecisionRow {
                taken_by: d.people_named(&name_now),
                concerns: d.concerns_named(&name_now),
                date: d.date,
                statement: d.statement,
                rationale: d.rationale,
            })
            .collect();
        let bytes =
            throughline_import::export_xlsx_with_decisions(doc.revision().map(), &decisions);
        throughline_store::write_file(path, &bytes, force)?;
        Ok(bytes.len() as u64)
    }

    pub fn save_snapshot(&mut self, name: &str) -> AppResult<SnapshotInfo> {
        let today = (self.today)();
        let doc = self.doc.as_mut().ok_or_else(no_doc)?;
        let id = doc.ws.save_snapshot(name)?;
        // Its index is the current revision's (when that is as of today's date).
        let rev = doc.revision();
        if resolve_as_of(None, rev.map(), today) == rev.as_of {
            let s = &rev.analysis.summary;
            self.snaps
                .set_index(id, today, s.alignment_index, rev.analysis.hits.len() as u32);
        }
        doc.ws
            .snapshots()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "the snapshot vanished"))
    }

    pub fn snapshots(&self) -> AppResult<Vec<SnapshotInfo>> {
        Ok(self.document()?.ws.snapshots()?)
    }

    /// The snapshots, newest first, each with its alignment index and number of findings
    /// (as of its own `settings.as_of`, else today): computed once per snapshot and day,
    /// the first time it is listed (or taken from the revision it was saved from).
    pub fn snapshot_list(&mut self) -> AppResult<Vec<SnapshotEntry>> {
        let today = (self.today)();
        let doc = self.doc.as_ref().ok_or_else(no_doc)?;
        let mut out = Vec::new();
        for snapshot in doc.ws.snapshots()?.into_iter().rev() {
            let (index, findings) = match self.snaps.index(snapshot.id, today) {
                Some(known) => known,
                None => {
                    let map = self.snaps.map(&doc.ws, snapshot.id)?;
                    let as_of = resolve_as_of(None, &map, today);
                    let a = self.snaps.analysed(&doc.ws, snapshot.id, as_of)?;
                    let known = (
                        a.analysis.summary.alignment_index,
                        a.analysis.hits.len() as u32,
                    );
                    self.snaps.set_index(snapshot.id, today, known.0, known.1);
                    known
                }
            };
            out.push(SnapshotEntry {
                snapshot,
                alignment_index: index,
                findings,
            });
        }
        Ok(out)
    }

    /// Delete a named snapshot (automatic ones are refused). Not an edit: no revision.
    pub fn delete_snapshot(&mut self, id: i64) -> AppResult<String> {
        let doc = self.doc.as_mut().ok_or_else(no_doc)?;
        let label = doc.ws.delete_snapshot(id)?;
        self.snaps.forget(id);
        Ok(label)
    }

    /// The before / after view between two states of the open workspace (a snapshot and
    /// now, or two snapshots), by `throughline_core::compare`. Both sides are analysed as
    /// of AFTER's `settings.as_of`, else today; now is the current revision as it is.
    pub fn compare(&mut self, before: CompareSide, after: CompareSide) -> AppResult<BeforeAfter> {
        let today = (self.today)();
        let doc = self.doc.as_ref().ok_or_else(no_doc)?;
        let rev = doc.revision();
        let snapshots = doc.ws.snapshots()?;
        let label = |side: CompareSide| -> AppResult<String> {
            match side {
                CompareSide::Now => Ok("Now".to_string()),
                CompareSide::Snapshot { id } => snapshots
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.name.clone())
                    .ok_or_else(|| throughline_store::StoreError::NoSnapshot(id).into()),
            }
        };
        let labels = (label(before)?, label(after)?);
        let as_of = match after {
            CompareSide::Now => rev.as_of,
            CompareSide::Snapshot { id } => {
                resolve_as_of(None, &*self.snaps.map(&doc.ws, id)?, today)
            }
        };
        // Each side: the current revision, or an analysis the cache holds.
        let mut side =
            |s: CompareSide| -> AppResult<Option<Arc<throughline_core::compare::Analysed>>> {
                match s {
                    CompareSide::Now if as_of == rev.as_of => Ok(None),
                    CompareSide::Now => Ok(Some(Arc::new(
                        throughline_core::compare::Analysed::new(rev.org.map.clone(), as_of),
                    ))),
                    CompareSide::Snapshot { id } => {
                        Ok(Some(self.snaps.analysed(&doc.ws, id, as_of)?))
                    }
                }
            };
        let (b, a) = (side(before)?, side(after)?);
        fn of<'a>(
            x: &'a Option<Arc<throughline_core::compare::Analysed>>,
            rev: &'a Revision,
        ) -> throughline_core::compare::Side<'a> {
            match x {
                Some(x) => x.side(),
                None => throughline_core::compare::Side {
                    org: &rev.org,
                    analysis: &rev.analysis,
                },
            }
        }
        Ok(before_after::before_after(
            of(&b, rev),
            of(&a, rev),
            &rev.org,
            (before, after),
            labels,
        ))
    }

    // ---- drafts (`crate::draft`) ----------------------------------------------------

    /// The draft's revision in the document's place, the workspace's kept as its base.
    fn enter_draft(&mut self, draft: throughline_store::draft::Draft) {
        let today = (self.today)();
        let number = self.next_revision();
        let doc = self.doc.as_mut().expect("an open document");
        let base = doc.rev.take().expect("a revision outside a change");
        doc.rev = Some(Revision::build(
            number,
            draft.shared_map(),
            draft.ids(),
            today,
        ));
        doc.draft = Some(crate::draft::DraftDoc::new(draft, base));
    }

    /// Try a change: start a draft named `name` on the map as it is. From here every edit,
    /// undo and redo happens in the draft until it is kept or discarded.
    pub fn start_draft(&mut self, name: &str) -> AppResult<Change> {
        let doc = self.doc.as_mut().ok_or_else(no_doc)?;
        if let Some(p) = &doc.draft_problem {
            return Err(AppError::new(
                ErrorCode::Refused,
                format!("{} — discard it before starting another", p.why),
            ));
        }
        let draft = doc.ws.start_draft(name)?;
        let label = format!(
            "Started the draft “{}”: changes from here do not touch the workspace until you keep them",
            draft.name()
        );
        self.enter_draft(draft);
        Ok(Change {
            kind: ChangeKind::Edited,
            label,
            doc: Some(self.info()?),
            created: None,
            touched: Touched::Entities(Vec::new()),
            effect: None,
            new_findings: Vec::new(),
        })
    }

    /// Discard the draft: the workspace's map as it was before it, on screen again.
    pub fn discard_draft(&mut self) -> AppResult<Change> {
        let number = self.last_revision + 1;
        let doc = self.doc.as_mut().ok_or_else(no_doc)?;
        if doc.draft.is_none() && doc.draft_problem.is_none() {
            return Err(AppError::new(
                ErrorCode::NothingToDo,
                "There is no draft to discard.",
            ));
        }
        doc.ws.discard_draft()?;
        let label = match (&doc.draft, &doc.draft_problem) {
            (Some(d), _) => format!("Discarded the draft “{}”", d.draft.name()),
            (None, Some(p)) => format!("Discarded the draft “{}”", p.name),
            (None, None) => unreachable!("checked above"),
        };
        doc.draft_problem = None;
        let mut effect = None;
        let mut new_findings = Vec::new();
        if let Some(d) = doc.draft.take() {
            let shown = doc.rev.take().expect("a revision outside a change");
            let prints = effect::fingerprints(&shown.org, &shown.analysis);
            let mut base = d.base;
            base.number = number;
            let e = effect::effect(&prints, &base.org, &base.analysis);
            new_findings = base.rows_of(&e.new_hits);
            effect = Some(e);
            doc.rev = Some(base);
        } else {
            let mut rev = doc.rev.take().expect("a revision outside a change");
            rev.number = number;
            doc.rev = Some(rev);
        }
        self.last_revision = number;
        Ok(Change {
            kind: ChangeKind::Restored,
            label,
            doc: Some(self.info()?),
            created: None,
            touched: Touched::Everything,
            effect,
            new_findings,
        })
    }

    /// Keep the draft: its edits applied to the workspace as one undoable edit, with a
    /// decision if one is given (its people and goals as the draft names them). The effect
    /// is the draft's whole difference from the map before it.
    pub fn keep_draft(&mut self, decision: Option<&DecisionRequest>) -> AppResult<Change> {
        let input = match decision {
            Some(r) => Some(decisions::input(self.revision()?, r)?),
            None => None,
        };
        let today = (self.today)();
        let number = self.last_revision + 1;
        let doc = self.doc.as_mut().ok_or_else(no_doc)?;
        let Some(d) = doc.draft.take() else {
            return Err(AppError::new(
                ErrorCode::NothingToDo,
                "There is no draft to keep.",
            ));
        };
        let applied = match doc.ws.keep_draft(&d.draft, input.as_ref()) {
            Ok((a, _)) => a,
            Err(e) => {
                doc.draft = Some(d);
                return Err(e.into());
            }
        };
        // The workspace's map is now the draft's: one revision of it.
        doc.rev = None;
        let rev = Revision::build(number, doc.ws.shared_map(), doc.ws.ids(), today);
        let e = effect::effect(&d.base_prints, &rev.org, &rev.analysis);
        let new_findings = rev.rows_of(&e.new_hits);
        doc.rev = Some(rev);
        self.last_revision = number;
        Ok(Change {
            kind: ChangeKind::Edited,
            label: applied.label,
            doc: Some(self.info()?),
            created: None,
            touched: Touched::Everything,
            effect: Some(e),
            new_findings,
        })
    }

    /// The title a report of the revision on screen is written under: the one asked for,
    /// or the report's own default; while a draft is open, marked as the draft's so no
    /// reader takes it for the organisation as it is ("DRAFT “Calls at 80”, not kept: …").
    /// `None`: the report's default, unmarked.
    pub fn report_title(&self, request: &ReportRequest) -> AppResult<Option<String>> {
        let doc = self.document()?;
        let asked = request
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(d) = &doc.draft else {
            return Ok(asked.map(str::to_string));
        };
        let map = doc.revision().map();
        let default = match request
            .function
            .as_deref()
            .and_then(|f| map.units.iter().find(|u| u.id == f))
        {
            _ if request.compare.is_some() => "Workshop report".to_string(),
            Some(u) => format!("Alignment report: {}", u.name),
            None => "Alignment report".to_string(),
        };
        Ok(Some(format!(
            "DRAFT “{}”, not kept: {}",
            d.draft.name(),
            asked.unwrap_or(&default)
        )))
    }

    // ---- decisions -----------------------------------------------------------------

    /// Record a decision: one undoable step of the history, like an edit (the map does not
    /// change, so the findings are kept as they are). `created` is its id.
    pub fn record_decision(&mut self, req: &DecisionRequest) -> AppResult<Change> {
        let input = decisions::input(self.revision()?, req)?;
        self.change(ChangeKind::Edited, Keep::Analysis, |doc| {
            let d = doc.workspace_only()?.record_decision(&input)?;
            Ok(Applied {
                label: throughline_store::decisions::label("Recorded", &d),
                created: Some(d.id.to_string()),
            })
        })
    }

    /// Change a decision (its recording time stays): one undoable step.
    pub fn update_decision(&mut self, id: i64, req: &DecisionRequest) -> AppResult<Change> {
        let input = decisions::input(self.revision()?, req)?;
        self.change(ChangeKind::Edited, Keep::Analysis, |doc| {
            Ok(labelled(doc.workspace_only()?.update_decision(id, &input)?))
        })
    }

    /// Delete a decision: one undoable step.
    pub fn delete_decision(&mut self, id: i64) -> AppResult<Change> {
        self.change(ChangeKind::Edited, Keep::Analysis, |doc| {
            Ok(labelled(doc.workspace_only()?.delete_decision(id)?))
        })
    }

    /// Every decision, newest first, with names as they are now (read from the file when
    /// asked: no edit reads them).
    pub fn decisions(&self) -> AppResult<Vec<DecisionView>> {
        let doc = self.document()?;
        Ok(decisions::views(doc.revision(), doc.ws.decisions()?))
    }

    // ---- agreements (catchball) -----------------------------------------------------

    /// Record a step of a goal's agreement: one undoable step with the goal's edit it
    /// makes (its status; a proposal's or an agreement's target and due date). Refused
    /// while a draft is open, like decisions. `created` is the step's id.
    pub fn record_agreement(&mut self, input: &AgreementInput) -> AppResult<Change> {
        let keep = match self.revision()?.org.goal_index(input.goal.trim()) {
            Some(g) => Keep::Goal(g),
            None => Keep::Nothing,
        };
        self.change(ChangeKind::Edited, keep, |doc| {
            Ok(doc.workspace_only()?.record_agreement(input)?.0)
        })
    }

    /// Goal `goal`'s agreement history, oldest first, in words.
    pub fn agreements(&self, goal: &str) -> AppResult<crate::agreements::AgreementHistory> {
        let doc = self.document()?;
        Ok(crate::agreements::history(goal, doc.ws.agreements(goal)?))
    }

    // ---- reads (all from the current revision) -------------------------------------

    /// The one-click fixes of a finding of the revision on screen (`crate::fixes`).
    pub fn fixes(
        &self,
        key: &throughline_store::decisions::FindingKey,
    ) -> AppResult<Vec<crate::fixes::FixOption>> {
        crate::fixes::options(self.revision()?, key)
    }

    /// The open document, as the header and the title bar show it.
    pub fn info(&self) -> AppResult<DocInfo> {
        let doc = self.document()?;
        let rev = doc.revision();
        let map = rev.map();
        let path = doc.ws.path();
        Ok(DocInfo {
            revision: rev.number,
            path: path.display().to_string(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            organisation: map.organisation.name.clone(),
            read_only: doc.ws.is_read_only(),
            units: map.units.len() as u32,
            people: map.people.len() as u32,
            goals: map.goals.len() as u32,
            as_of: rev.as_of.to_string(),
            focus_function: map.organisation.focus_function.clone(),
            history: doc.history()?,
            warning: doc.ws.last_backup_error().map(str::to_string),
            sample: self.is_sample(),
            draft: crate::draft::info(doc.draft.as_ref(), doc.draft_problem.as_ref(), rev),
        })
    }

    pub fn view(&self, request: &ViewRequest) -> AppResult<ViewModel> {
        let rev = self.revision()?;
        Ok(build_view_indexed(&rev.org, &rev.view_index, request))
    }

    /// A page of findings; a `not-agreed` finding quotes its goal's latest open counter
    /// (read from the workspace for the rows on the page only).
    pub fn findings(&self, filter: &FindingFilter) -> AppResult<FindingsPage> {
        let doc = self.document()?;
        let rev = doc.revision();
        let mut page = findings_page_indexed(&rev.org, &rev.analysis, &rev.findings_index, filter);
        crate::agreements::quote_counters(&mut page.rows, |goal| doc.ws.agreements(goal))?;
        Ok(page)
    }

    pub fn search(&self, query: &str, limit: usize) -> AppResult<Vec<SearchHit>> {
        Ok(search(&self.revision()?.org, query, limit))
    }

    pub fn entity(&self, id: &str) -> AppResult<Entity> {
        projections::entity(&self.revision()?.org, id)
    }

    pub fn choices(&self) -> AppResult<Choices> {
        Ok(projections::choices(&self.revision()?.org))
    }

    pub fn measures_view(&self) -> AppResult<MeasuresView> {
        Ok(projections::measures_view(self.revision()?.map()))
    }

    /// What the report tool is given for `request`, taken now: the map on screen (a
    /// draft's while one is open) on its standard input, the workspace file (its decisions,
    /// and for a workshop report its snapshots: the tool opens it read-only while the app
    /// holds it), the title (marked while a draft is open, [`Session::report_title`]), the
    /// as-of date, and the name the save dialog suggests. A workshop report of a snapshot
    /// the workspace does not have is refused here, before the dialog.
    pub fn report_source(
        &self,
        request: &ReportRequest,
    ) -> AppResult<crate::report_tool::ReportSource> {
        let doc = self.document()?;
        let rev = doc.revision();
        let map = rev.map();
        if let Some(id) = request.compare {
            if !doc.ws.snapshots()?.iter().any(|s| s.id == id) {
                return Err(AppError::new(
                    ErrorCode::NotFound,
                    format!("the workspace has no snapshot {id} to compare with"),
                ));
            }
        }
        let scope = request
            .function
            .as_deref()
            .filter(|_| request.compare.is_none())
            .and_then(|f| map.units.iter().find(|u| u.id == f))
            .map(|u| format!(" - {}", u.name))
            .unwrap_or_default();
        // A draft's report says so in its title and its file name.
        let scope = match &doc.draft {
            Some(d) => format!(
                "{scope} (draft {})",
                d.draft.name().replace(['/', '\\'], "-")
            ),
            None => scope,
        };
        let kind = if request.compare.is_some() {
            "workshop report"
        } else {
            "alignment report"
        };
        Ok(crate::report_tool::ReportSource {
            map_json: format::write_map(map),
            workspace: doc.ws.path().to_path_buf(),
            title: self.report_title(request)?,
            as_of: rev.as_of,
            file_stem: format!("{} {kind}{scope}", map.organisation.name),
        })
    }

    /// The map document as JSON (Export map JSON, and what the report tool reads).
    pub fn map_json(&self) -> AppResult<String> {
        Ok(format::write_map(self.revision()?.map()))
    }

    /// Write a copy of the workspace (Save a copy). `force`: the dialog already asked.
    pub fn save_copy(&self, dest: &Path, force: bool) -> AppResult<()> {
        Ok(self.document()?.ws.save_copy(dest, force)?)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(p) = self.close() {
            eprintln!("throughline: {p}");
        }
    }
}

fn change_file(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// A change that creates nothing: just its label.
fn labelled(label: String) -> Applied {
    Applied {
        label,
        created: None,
    }
}
