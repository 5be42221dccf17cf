//! The large set, scaled down so that it runs in the test suite.
