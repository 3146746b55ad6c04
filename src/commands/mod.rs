//! The commands that run without a terminal: they take the same options as the UI, share its
//! code (the sharded load, the findings), print their progress to stderr and never prompt.

pub mod doctor;
