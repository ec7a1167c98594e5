use super::{rule, Ctx};
use crate::finding::Pattern;
use crate::finding::{Hit, Severity};
use crate::org::Node;
use petgraph::graph::DiGraph;

rule! {
    /// Goals that support each other in a circle.
    ///
    /// ## What it flags
    /// Each set of goals that support each other in a cycle: a strongly connected component
    /// of the `supports` graph with more than one goal, or a goal that supports itself.
    /// Subject: the smallest id in the set (string order); related: the others.
    ///
    /// ## Why it matters
    /// Alignment means every goal can explain itself by the goal above it, up to the
    /// strategy. Goals that justify each other in a circle explain nothing: the chain never
    /// reaches a business objective, and the map's line of sight is broken there.
    ///
    /// ## Example
    /// "Qualified pipeline" supports "Lead volume", which supports "Qualified pipeline":
    /// each team points at the other's number.
    ///
    /// ## How to fix
    /// Decide which goal serves which and remove the link that points back down; make the
    /// top goal of the chain support a strategy goal.
    id: "alignment-cycle",
    severity: Error,
    check: check,
    message: message,
    pattern: pattern,
    reads: SUPPORTS,
    related: "in a circle with",
}

fn check(cx: &Ctx, out: &mut Vec<Hit>) {
    let org = cx.org;
    if !has_cycle(&org.goal_supports) {
        return; // the common case, answered without building components
    }
    // The supports graph: node `i` is goal `i`.
    let supports: DiGraph<(), ()> = DiGraph::from_edges(
        org.goal_supports
            .iter()
            .enumerate()
            .flat_map(|(g, to)| to.iter().map(move |&s| (g as u32, s))),
    );
    for component in petgraph::algo::tarjan_scc(&supports) {
        let goals: Vec<u32> = component.iter().map(|n| n.index() as u32).collect();
        let cyclic = match goals.as_slice() {
            [] => false,
            [g] => org.goal_supports[*g as usize].contains(g),
            _ => true,
        };
        if !cyclic {
            continue;
        }
        let mut by_id: Vec<(&str, u32)> = goals
            .iter()
            .map(|&g| (org.map.goals[g as usize].id.as_str(), g))
            .collect();
        by_id.sort_unstable();
        let related: Vec<Node> = by_id[1..].iter().map(|&(_, g)| Node::Goal(g)).collect();
        out.push(cx.hit(Severity::Error, Node::Goal(by_id[0].1), related, 0));
    }
}

fn message(cx: &Ctx, hit: &Hit) -> String {
    // The subject has the smallest id and the related goals are in id order.
    let names: Vec<String> = hit
        .nodes()
        .filter_map(|n| match n {
            Node::Goal(g) => Some(cx.goal(g)),
            _ => None,
        })
        .collect();
    if names.len() == 1 {
        format!(
            "Goal {} supports itself. A goal that justifies itself never reaches a business \
             objective. Remove the link and make it support the goal it serves.",
            names[0]
        )
    } else {
        format!(
            "Goals {} support each other in a circle. Goals that justify each other explain \
             nothing and never reach a business objective. Decide which serves which, remove \
             the link that points back, and link the top one to strategy.",
            super::and_list_capped(&names, 8)
        )
    }
}

/// Does the supports graph have any cycle? An iterative three-colour depth-first search.
fn has_cycle(next: &[Vec<u32>]) -> bool {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; next.len()];
    let mut stack: Vec<(u32, usize)> = Vec::new();
    for start in 0..next.len() {
        if state[start] != NEW {
            continue;
        }
        state[start] = OPEN;
        stack.push((start as u32, 0));
        while let Some((node, edge)) = stack.last_mut() {
            let succ = &next[*node as usize];
            if *edge < succ.len() {
                let s = succ[*edge];
                *edge += 1;
                match state[s as usize] {
                    OPEN => return true,
                    NEW => {
                        state[s as usize] = OPEN;
                        stack.push((s, 0));
                    }
                    _ => {}
                }
            } else {
                state[*node as usize] = DONE;
                stack.pop();
            }
        }
    }
    false
}

fn pattern(cx: &Ctx, p: &Pattern) -> String {
    let n = p.count();
    format!(
        "{} of goals {} {} each other in a circle.",
        super::count_a(n, "set", "sets"),
        cx.in_function(p),
        super::verb(n, "supports", "support"),
    )
}

#[cfg(test)]
mod tests {
    use super::has_cycle;

    #[test]
    fn detects_cycles_and_self_loops() {
        assert!(!has_cycle(&[vec![1], vec![2], vec![]]));
        assert!(!has_cycle(&[vec![1, 2], vec![2], vec![]])); // diamond-ish, no cycle
        assert!(has_cycle(&[vec![1], vec![0]]));
        assert!(has_cycle(&[vec![], vec![1]]));
        assert!(has_cycle(&[vec![1], vec![2], vec![1]]));
    }
}
