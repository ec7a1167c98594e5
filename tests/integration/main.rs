//! Throughline's integration tests: one binary (ripgrep style), one module per area.
//! They use the library API and run the real `throughline` binary.

mod acme;
mod cli;
mod compare;
mod fuzz;
mod import;
mod layers;
mod props;
mod report;
mod rule_cases;
mod store;
mod trust;
mod util;
mod validation;
mod workshop;
