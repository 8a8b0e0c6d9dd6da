//! Findings of the lead's review of the parsed Lighthouse spec, written as tests first.

use std::path::{Path, PathBuf};

use tcgen::parse::parse_files;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// lighthouse-api-doc.zh-CN.pdf.txt:15347-15353: DescribeInstanceVncUrl's description ends with
/// an example URL that the PDF export wrapped over three lines (cut inside the token). It is
/// running text, not a page-end link list, so it must survive, joined back without spaces.
#[test]
fn a_url_in_running_text_is_content_not_page_furniture() {
    let root = repo_root();
    let doc = root.join("spec/sources/lighthouse-api-doc.zh-CN.pdf.txt");
    let report = parse_files(&[doc], &root).unwrap_or_else(|e| panic!("{e}"));
    let spec = report
        .specs
        .iter()
        .find(|s| s.service == "lighthouse")
        .expect("the Lighthouse spec");
    let action = spec
        .action("DescribeInstanceVncUrl")
        .expect("DescribeInstanceVncUrl");
    let description = &action.description["zh-CN"];
    let url = "https://img.qcloud.com/qcloud/app/active_vnc/index.html?InstanceVncUrl=\
               wss%3A%2F%2Fbjvnc.qcloud.com%3A26789%2Fvnc%3Fs%3DaH\
               pjWnRVMFNhYmxKdDM5MjRHNlVTSVQwajNUSW0wb2tBbmFtREFCTmFrcy8vUUNPMG0wSHZNOUUxRm5PMmUzWmFDcWlOdDJIbUJxSTZDL0RXcHZxYnZZMmRkWWZW\
               cEZia2lyb09XMzdKNmM9";
    assert!(
        description.contains(url),
        "the example URL is missing or broken in:\n{description}"
    );
}
