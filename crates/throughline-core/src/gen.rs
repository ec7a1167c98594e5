//! placeholder replaced below
pub struct GenOptions;
impl GenOptions { pub fn new(_p: usize, _s: u64) -> Self { GenOptions } }
pub fn generate(_o: &GenOptions) -> crate::Map { crate::Map::new("x") }
