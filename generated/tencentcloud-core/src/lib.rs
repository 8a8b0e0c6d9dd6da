//! Hand-written runtime shared by every generated `tencentcloud-<service>` crate.
