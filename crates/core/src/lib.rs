//! Domain rules of the account system, as pure functions with no I/O.
