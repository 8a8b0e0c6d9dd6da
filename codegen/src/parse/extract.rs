//! The extractor: the one place that knows the docs' structure. Turns one source's block
//! stream into a [`Doc`]: the service facts, actions, data structures and error codes that
//! source describes, in its language. Both languages' labels are known here.

use std::collections::BTreeMap;

use serde_json::Value;

mod wording;

use wording::{
    common_value, example_label, example_title, is_action_start, is_definition_name, is_numbered,
    part_of, prose_name, push_text, rate_limit, region_requirement, split_example, used_by_line,
    Part,
};
pub use wording::{date_of, wire_name};

use crate::blocks::{Block, BlockKind};
use crate::diagnostics::Diagnostic;
use crate::parse::examples;
use crate::parse::text;
use crate::spec::{
    is_field_type, is_type_name, Action, ErrorCode, Example, Field, Localized, Region,
    RegionRequirement, Release, SourceRef, TypeDef,
};

/// Everything one source says.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Source path relative to the repo root.
    pub path: String,
    /// Language tag of the source (`zh-CN`, `en-US`).
    pub lang: String,
    /// Service name (endpoint host prefix), if the source gives an endpoint.
    pub service: Option<String>,
    /// API version (the `Version` common parameter), if any action gives it.
    pub version: Option<String>,
    /// Product name per language.
    pub title: Localized,
    /// Default endpoint host.
    pub endpoint: Option<String>,
    /// Region id to regional endpoint.
    pub regional_endpoints: BTreeMap<String, String>,
    /// Regions.
    pub regions: Vec<Region>,
    /// Actions with their section dates.
    pub actions: Vec<DocAction>,
    /// Data structures.
    pub types: Vec<TypeDef>,
    /// Error codes of the error-code chapter.
    pub errors: Vec<ErrorCode>,
    /// The codes the action pages list, by code: the first description given and its row.
    pub action_errors: BTreeMap<String, ListedError>,
    /// The release history (更新历史), newest first as the doc lists it.
    pub history: Vec<Release>,
    /// The API overview's rows by action name (applied to every source's actions by the merge).
    pub overview: BTreeMap<String, OverviewEntry>,
    /// The category the source's folder names (from a `category_i18n.json` beside it).
    pub folder_category: Localized,
    /// The front-end that read the source.
    pub kind: Option<crate::parse::SourceKind>,
    /// What became of every table row that is not a header, in source order: nothing a
    /// front-end produced is dropped without a record (the accounting test checks it).
    pub rows: Vec<RowRecord>,
}

/// An error code an action page lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListedError {
    /// Its description there.
    pub description: String,
    /// The source line of its row.
    pub line: usize,
}

/// How much of the text before a skipped table its warning quotes.
const CAPTION_CHARS: usize = 48;

/// What became of one table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowUse {
    /// An action's input or output field.
    Field,
    /// An action's `Action`, `Version` or `Region` row (name, version, region requirement) or
    /// its `RequestId` output.
    CommonParameter,
    /// A field of a data structure.
    TypeField,
    /// An error code, of an action or of an error-code chapter.
    ErrorCode,
    /// A row of the API overview.
    Overview,
    /// A region, or a region's endpoint.
    Region,
    /// Not read: the warning at this line of the same source says why.
    Warned(usize),
}

/// The accounting record of one table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRecord {
    /// The row's source line.
    pub line: usize,
    /// What it became.
    pub used: RowUse,
}

impl Doc {
    /// True when the source gave nothing the spec records.
    pub fn holds_nothing(&self) -> bool {
        self.actions.is_empty()
            && self.types.is_empty()
            && self.errors.is_empty()
            && self.overview.is_empty()
            && self.regions.is_empty()
            && self.regional_endpoints.is_empty()
            && self.history.is_empty()
    }
}

/// An action as one source documents it.
#[derive(Debug, Clone)]
pub struct DocAction {
    /// The action.
    pub action: Action,
    /// The section's "last updated" date (`2025-05-14 01:42:31`), if given.
    pub updated: Option<String>,
    /// The `Version` common parameter's value.
    pub version: Option<String>,
    /// The service named by the action's request host.
    pub service: Option<String>,
    /// The action's request host.
    pub host: Option<String>,
    /// GET examples whose query needs data structures this source does not define: the merge
    /// converts them once every source's types are known.
    pub pending_queries: Vec<PendingQuery>,
}

/// A GET example's query string waiting for the data structures of other sources.
#[derive(Debug, Clone)]
pub struct PendingQuery {
    /// Index of the example in the action's `examples`.
    pub example: usize,
    /// The query string (everything after `?`).
    pub query: String,
    /// Source line of the request.
    pub line: usize,
}

/// What a table is, from its header row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TableKind {
    /// Field table: column indexes of name, required (if any), type, description.
    Fields {
        req: Option<usize>,
        ty: usize,
        desc: usize,
    },
    /// Error code + description.
    Errors,
    /// API overview: action, title, rate limit.
    Overview,
    /// Access region + endpoint host.
    Endpoints,
    /// Region name + region id.
    Regions,
    /// Anything else.
    Other,
}

fn table_kind(header: &[String]) -> TableKind {
    let has = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let first = header.first().map_or("", String::as_str);
    if let Some(ty) = has(&["类型", "Type"]) {
        return TableKind::Fields {
            req: has(&["必选", "Required"]),
            ty,
            desc: header.len().saturating_sub(1),
        };
    }
    let second = header.get(1).map_or("", String::as_str);
    match (first, second) {
        ("错误码" | "Error Code", _) => TableKind::Errors,
        ("接口名称" | "API Name", _) => TableKind::Overview,
        ("接入地域" | "金融区接入地域", _) => TableKind::Endpoints,
        ("地域" | "Region", "域名" | "Domain Name" | "Domain" | "Endpoint") => {
            TableKind::Endpoints
        }
        ("地域" | "Region", _) => TableKind::Regions,
        _ => TableKind::Other,
    }
}

/// True when `text` is one identifier and the next block other than paragraphs (its
/// description, a "used by" line) is the header of a field table: a definition, by structure.
fn names_definition(text: &str, rest: &[Block]) -> bool {
    is_definition_name(text)
        && rest
            .iter()
            .find(|b| b.kind != BlockKind::Paragraph)
            .is_some_and(|b| {
                b.is_header_row()
                    && b.cells()
                        .is_some_and(|c| matches!(table_kind(c), TableKind::Fields { .. }))
            })
}

/// An example being read: title and the raw code of its input and output.
#[derive(Debug, Default, Clone)]
struct RawExample<'b> {
    title: String,
    input: Option<Vec<(usize, &'b str)>>,
    output: Option<Vec<(usize, &'b str)>>,
    line: usize,
}

/// What an example's input code gave.
enum Input {
    /// The JSON body.
    Json(Value),
    /// A GET query the merge converts (it needs other sources' data structures).
    Pending(String, usize),
    /// Nothing usable (warned).
    None,
}

/// An action section being read.
#[derive(Debug, Default)]
struct ActionBuilder<'b> {
    line: usize,
    title: Option<String>,
    updated: Option<String>,
    name: Option<String>,
    prose_name: Option<String>,
    version: Option<String>,
    region: Option<RegionRequirement>,
    description: Vec<String>,
    rate: Option<u32>,
    input: Vec<Field>,
    output: Vec<Field>,
    /// The rows of the action's error-code table, by code.
    errors: Vec<(String, ListedError)>,
    examples: Vec<RawExample<'b>>,
    expect: Option<bool>,
    host: Option<String>,
}

/// An API overview row: the group heading it sits under, the action's title, its rate limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewEntry {
    /// The grouping heading or caption above the table (`镜像相关接口`, `Image-related APIs`).
    pub category: Option<String>,
    /// The action's short title (`创建镜像`, `Creates an image`).
    pub title: String,
    /// The rate limit column, where the table has one.
    pub rate: Option<u32>,
}

/// The extractor's state while walking the blocks.
#[derive(Default)]
struct Walker<'b> {
    doc: Doc,
    diags: Vec<Diagnostic>,
    last_title: Option<String>,
    last_date: Option<String>,
    caption: Option<String>,
    error_common: Option<bool>,
    action: Option<ActionBuilder<'b>>,
    part: Option<Part>,
    typedef: Option<TypeDef>,
    /// A table followed the open definition's heading.
    type_table: bool,
    table: Option<TableKind>,
    /// The link targets per cell of the row being read.
    row_links: Vec<Vec<String>>,
    /// The open table is not read: the line of the warning that says so.
    skipped_table: Option<usize>,
    finished: Vec<ActionBuilder<'b>>,
    /// Inside the release history chapter, which `parse::history` reads from the same blocks.
    in_history: bool,
}

/// Reads one source's blocks.
pub fn extract(blocks: &[Block], path: &str) -> (Doc, Vec<Diagnostic>) {
    let mut w = Walker {
        doc: Doc {
            path: path.to_string(),
            lang: detect_language(blocks).to_string(),
            ..Doc::default()
        },
        ..Walker::default()
    };
    if let Some(first) = blocks.first().filter(|b| b.heading_level() == Some(1)) {
        let lang = w.doc.lang.clone();
        w.doc.title.insert(lang, first.text.clone());
    }
    for (i, block) in blocks.iter().enumerate() {
        w.block(block, blocks.get(i + 1..).unwrap_or(&[]));
    }
    w.close_action();
    w.close_type();
    w.finish();
    (w.doc, w.diags)
}

/// `zh-CN` when the action headings are Chinese, else `en-US`.
fn detect_language(blocks: &[Block]) -> &'static str {
    let (wide, all) = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Paragraph))
        .flat_map(|b| b.text.chars())
        .filter(|c| !c.is_whitespace())
        .fold((0usize, 0usize), |(w, a), c| {
            (w + usize::from(text::is_wide(c)), a + 1)
        });
    if all > 0 && wide * 4 >= all {
        "zh-CN"
    } else {
        "en-US"
    }
}

impl<'b> Walker<'b> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(self.doc.path.clone(), line, message));
    }

    /// Reads one block; `rest` are the blocks after it (a heading's meaning may depend on
    /// what follows it).
    fn block(&mut self, block: &'b Block, rest: &[Block]) {
        match &block.kind {
            BlockKind::Heading { level } => self.heading(*level, block, rest),
            BlockKind::Paragraph => self.paragraph(block),
            BlockKind::TableRow { cells, .. } => self.row(cells, block),
            BlockKind::Code { .. } => self.code(block),
        }
    }

    fn heading(&mut self, level: u8, block: &Block, rest: &[Block]) {
        self.table = None;
        let text = block.text.as_str();
        if level <= 2 {
            self.close_action();
            self.close_type();
            self.in_history = false;
            if level == 2 {
                self.last_title = Some(text.to_string());
                self.last_date = None;
                if matches!(text, "更新历史" | "History" | "Release History") {
                    self.in_history = true;
                }
            }
            self.caption = Some(text.to_string());
            self.error_marker(text);
            return;
        }
        if is_action_start(text) {
            self.start_action(block);
        } else if self.action.is_some() && (is_numbered(text) || part_of(text) != Part::Unknown) {
            self.part = Some(part_of(text));
        } else if self.action.is_some() && names_definition(text, rest) {
            // A data structure after an action, in the same source: it ends the action.
            self.start_type(block);
        } else if self.action.is_some() && self.part == Some(Part::Examples) {
            self.example_heading(block);
        } else if self.action.is_some() {
            // A sub-heading of a part (Developer Resources' SDK list, a note): not a part.
        } else if level == 4 || is_definition_name(text) {
            self.start_type(block);
        } else if self.action.is_none() {
            self.close_type();
            self.caption = Some(text.to_string());
            self.error_marker(text);
        }
    }

    fn start_action(&mut self, block: &Block) {
        self.close_action();
        self.close_type();
        self.action = Some(ActionBuilder {
            line: block.line,
            title: self.last_title.take(),
            updated: self.last_date.take(),
            ..ActionBuilder::default()
        });
        self.part = Some(Part::Description);
    }

    /// A heading inside an action's examples: an example's title or an input/output label.
    fn example_heading(&mut self, block: &Block) {
        let Some(a) = self.action.as_mut() else {
            return;
        };
        example_paragraph(a, &block.text, block.line);
    }

    fn start_type(&mut self, block: &Block) {
        self.close_action();
        self.close_type();
        self.typedef = Some(TypeDef {
            name: block.text.clone(),
            description: Localized::new(),
            used_by: Vec::new(),
            fields: Vec::new(),
            inferred: false,
            source: SourceRef {
                path: self.doc.path.clone(),
                line: block.line,
            },
        });
        self.type_table = false;
    }

    fn error_marker(&mut self, text: &str) {
        match text {
            "公共错误码" | "Common Error Codes" | "Common Error Code" => {
                self.error_common = Some(true)
            }
            "业务错误码" | "Business Error Codes" | "Service Error Codes" => {
                self.error_common = Some(false)
            }
            _ => {}
        }
    }

    fn paragraph(&mut self, block: &Block) {
        let text = block.text.as_str();
        if let Some(date) = date_of(text) {
            self.last_date = Some(date);
            return;
        }
        self.error_marker(text);
        if self.action.is_some() {
            self.action_paragraph(block);
            return;
        }
        if self.in_history {
            return;
        }
        if let Some(ty) = &mut self.typedef {
            if ty.fields.is_empty() && self.table.is_none() {
                match used_by_line(text) {
                    Some(names) => ty.used_by.extend(names),
                    None => {
                        let lang = self.doc.lang.clone();
                        push_text(ty.description.entry(lang).or_default(), text);
                    }
                }
                return;
            }
            let msg = format!(
                "{}: text after the field table that no rule understands: {text:?}",
                ty.name
            );
            self.warn(block.line, msg);
        }
        self.table = None;
        self.caption = Some(text.to_string());
    }

    fn action_paragraph(&mut self, block: &Block) {
        let text = block.text.as_str();
        let part = self.part.unwrap_or(Part::Unknown);
        let line = block.line;
        let Some(a) = self.action.as_mut() else {
            return;
        };
        match part {
            Part::Description => description_paragraph(a, text),
            Part::Examples => example_paragraph(a, text, line),
            Part::Input | Part::Output | Part::Errors if self.table.is_some() => {
                let msg = format!("text after a table that no rule understands: {text:?}");
                self.warn(line, msg);
            }
            _ => {}
        }
    }

    fn record(&mut self, line: usize, used: RowUse) {
        self.doc.rows.push(RowRecord { line, used });
    }

    fn row(&mut self, cells: &[String], block: &Block) {
        if block.is_header_row() {
            let kind = table_kind(cells);
            self.type_table |= self.typedef.is_some();
            self.skipped_table = None;
            if !self.reads(&kind) {
                self.skip_table(cells, block.line);
            }
            self.table = Some(kind);
            return;
        }
        if let Some(warning) = self.skipped_table {
            self.record(block.line, RowUse::Warned(warning));
            return;
        }
        let Some(kind) = self.table.clone() else {
            self.warn(block.line, "table row without a header");
            self.record(block.line, RowUse::Warned(block.line));
            return;
        };
        self.row_links = match &block.kind {
            BlockKind::TableRow { links, .. } => links.clone(),
            _ => Vec::new(),
        };
        let repaired = self
            .split_glued_required(&kind, cells, block.line)
            .or_else(|| self.shift_empty_first_cell(&kind, cells, block.line));
        let cells = repaired.as_deref().unwrap_or(cells);
        if self.action.is_some() {
            self.action_row(&kind, cells, block.line);
        } else if self.typedef.is_some() {
            self.type_row(&kind, cells, block.line);
        } else {
            self.chapter_row(&kind, cells, block.line);
        }
    }

    /// True when a rule reads a table of `kind` where the walk is.
    fn reads(&self, kind: &TableKind) -> bool {
        if self.action.is_some() {
            let part = self.part.unwrap_or(Part::Unknown);
            return matches!(
                (part, kind),
                (Part::Input | Part::Output, TableKind::Fields { .. })
                    | (Part::Errors, TableKind::Errors)
            );
        }
        if self.typedef.is_some() {
            return matches!(kind, TableKind::Fields { .. });
        }
        match kind {
            TableKind::Overview | TableKind::Endpoints | TableKind::Regions => true,
            TableKind::Errors => self.error_common.is_some(),
            TableKind::Fields { .. } | TableKind::Other => false,
        }
    }

    /// Warns once for a table no rule reads; its rows are recorded against the warning.
    fn skip_table(&mut self, header: &[String], line: usize) {
        let columns = header.join(" | ");
        let place = match (&self.action, &self.typedef) {
            (Some(_), _) => format!(
                "in an action's {:?} part",
                self.part.unwrap_or(Part::Unknown)
            ),
            (None, Some(ty)) => format!(
                "after {}: not a field table, so {} is not a data structure",
                ty.name, ty.name
            ),
            (None, None) => match self.caption.as_deref() {
                Some(c) => {
                    let short: String = c.chars().take(CAPTION_CHARS).collect();
                    let more = if short.len() < c.len() { "..." } else { "" };
                    format!("under \"{short}{more}\", outside any action or data structure")
                }
                None => "outside any action or data structure".to_string(),
            },
        };
        self.warn(
            line,
            format!("table ({columns}) {place}: no rule reads it; its rows are skipped"),
        );
        self.skipped_table = Some(line);
    }

    /// A field row whose first cell is empty and whose other cells read as a row one column
    /// to the right (`|| IsPermanent | No | Boolean |`, rendered without its last cell): the
    /// cells move one column left; the lost last cell is empty.
    fn shift_empty_first_cell(
        &mut self,
        kind: &TableKind,
        cells: &[String],
        line: usize,
    ) -> Option<Vec<String>> {
        let TableKind::Fields { ty, .. } = *kind else {
            return None;
        };
        if !cells.first()?.is_empty() || cells.len() < 2 {
            return None;
        }
        let name_ok = text::is_key(cells.get(1)?);
        let type_ok = cells.get(ty + 1).is_some_and(|c| is_field_type(c));
        if !(name_ok && type_ok) {
            return None;
        }
        let mut fixed: Vec<String> = cells[1..].to_vec();
        fixed.push(String::new());
        self.warn(
            line,
            format!(
                "row {}: its cells start one column to the right (an empty first cell): moved left; the last column is lost",
                cells[1]
            ),
        );
        if !self.row_links.is_empty() {
            self.row_links.remove(0);
        }
        Some(fixed)
    }

    /// A field row whose Required and Type cells the author wrote as one (`| Yes  String |`),
    /// so every later cell sits one column left and the last is empty: split again.
    fn split_glued_required(
        &mut self,
        kind: &TableKind,
        cells: &[String],
        line: usize,
    ) -> Option<Vec<String>> {
        let TableKind::Fields {
            req: Some(req), ty, ..
        } = *kind
        else {
            return None;
        };
        if ty != req + 1 || cells.last().is_none_or(|c| !c.is_empty()) {
            return None;
        }
        let (flag, rest) = cells.get(req)?.split_once(char::is_whitespace)?;
        let rest = rest.trim();
        if !matches!(flag, "是" | "否" | "Yes" | "No") || !is_field_type(rest) {
            return None;
        }
        if cells.get(ty).is_some_and(|c| is_field_type(c)) {
            return None;
        }
        let mut fixed = cells[..req].to_vec();
        fixed.push(flag.to_string());
        fixed.push(rest.to_string());
        fixed.extend(cells[ty..cells.len() - 1].iter().cloned());
        self.warn(
            line,
            format!(
                "row {}: Required and Type written in one cell ({:?}): split",
                cells[0], cells[req]
            ),
        );
        if self.row_links.len() > req {
            self.row_links.insert(ty, Vec::new());
        }
        Some(fixed)
    }

    fn action_row(&mut self, kind: &TableKind, cells: &[String], line: usize) {
        let part = self.part.unwrap_or(Part::Unknown);
        match (part, kind) {
            (Part::Input, TableKind::Fields { .. }) => {
                let field = self.field(kind, cells, line);
                let common = matches!(field.name.as_str(), "Action" | "Version" | "Region");
                if let Some(a) = self.action.as_mut() {
                    input_field(a, field, cells);
                }
                let used = if common {
                    RowUse::CommonParameter
                } else {
                    RowUse::Field
                };
                self.record(line, used);
            }
            (Part::Output, TableKind::Fields { .. }) => {
                let field = self.field(kind, cells, line);
                let used = if field.name == "RequestId" {
                    RowUse::CommonParameter
                } else {
                    RowUse::Field
                };
                if let Some(a) = self.action.as_mut() {
                    if field.name != "RequestId" {
                        a.output.push(field);
                    }
                }
                self.record(line, used);
            }
            (Part::Errors, TableKind::Errors) => {
                if let (Some(a), Some(code)) = (self.action.as_mut(), cells.first()) {
                    let description = cells.get(1).cloned().unwrap_or_default();
                    a.errors
                        .push((code.clone(), ListedError { description, line }));
                }
                self.record(line, RowUse::ErrorCode);
            }
            _ => {
                self.warn(
                    line,
                    format!(
                        "table row that no rule understands: {:?}",
                        cells.join(" | ")
                    ),
                );
                self.record(line, RowUse::Warned(line));
            }
        }
    }

    fn type_row(&mut self, kind: &TableKind, cells: &[String], line: usize) {
        let field = self.field(kind, cells, line);
        if let Some(ty) = self.typedef.as_mut() {
            ty.fields.push(field);
        }
        self.record(line, RowUse::TypeField);
    }

    fn chapter_row(&mut self, kind: &TableKind, cells: &[String], line: usize) {
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let used = match kind {
            TableKind::Overview => {
                let entry = OverviewEntry {
                    category: self.caption.clone(),
                    title: cell(1),
                    rate: cell(2).parse().ok(),
                };
                self.doc.overview.insert(cell(0), entry);
                RowUse::Overview
            }
            TableKind::Endpoints => {
                if self.endpoint_row(&cell(0), &cell(1)) {
                    RowUse::Region
                } else {
                    let msg = format!("endpoint row with a host of no known shape: {:?}", cell(1));
                    self.warn(line, msg);
                    RowUse::Warned(line)
                }
            }
            TableKind::Regions => {
                let mut name = Localized::new();
                name.insert(self.doc.lang.clone(), cell(0));
                self.doc.regions.push(Region { id: cell(1), name });
                RowUse::Region
            }
            TableKind::Errors => {
                let common = self.error_common.unwrap_or(false);
                let mut description = Localized::new();
                description.insert(self.doc.lang.clone(), cell(1));
                self.doc.errors.push(ErrorCode {
                    code: cell(0),
                    description,
                    common,
                });
                RowUse::ErrorCode
            }
            // `reads` skips these tables at their header; a row here has none of its own.
            TableKind::Fields { .. } | TableKind::Other => {
                self.warn(line, "table row that no rule understands");
                RowUse::Warned(line)
            }
        };
        self.record(line, used);
    }

    /// Reads an endpoint row; false when the host has no known shape.
    fn endpoint_row(&mut self, name: &str, host: &str) -> bool {
        // `*.ap-guangzhou.tencentcloudapi.com`: a page for every product; the merge puts
        // the service name in place of the `*`.
        let labels: Vec<&str> = host.split('.').collect();
        if let Some(service) = labels.first().filter(|s| **s != "*") {
            self.doc
                .service
                .get_or_insert_with(|| (*service).to_string());
        }
        match labels.as_slice() {
            [_, _, _] => self.doc.endpoint = Some(host.to_string()),
            [_, region, _, _] => {
                self.doc
                    .regional_endpoints
                    .insert((*region).to_string(), host.to_string());
                let mut n = Localized::new();
                n.insert(self.doc.lang.clone(), name.to_string());
                if !self.doc.regions.iter().any(|r| r.id == *region) {
                    self.doc.regions.push(Region {
                        id: (*region).to_string(),
                        name: n,
                    });
                }
            }
            _ => return false,
        }
        true
    }

    /// A field from a field-table row.
    fn field(&mut self, kind: &TableKind, cells: &[String], line: usize) -> Field {
        let TableKind::Fields { req, ty, desc } = *kind else {
            return blank_field();
        };
        let cell = |i: usize| cells.get(i).map_or("", String::as_str);
        let raw_name = cell(0);
        let name = wire_name(raw_name);
        let (description, example) = split_example(cell(desc));
        let nullable = description.contains("null")
            && (description.contains("可能返回 null")
                || description.to_ascii_lowercase().contains("may return null")
                || description.to_ascii_lowercase().contains("may be null"));
        let ty_text = cell(ty).split_whitespace().collect::<Vec<_>>().join(" ");
        let links = self.row_links.get(ty).cloned().unwrap_or_default();
        let ty_text = self.field_type(raw_name, ty_text, &links, line);
        let mut d = Localized::new();
        if !description.is_empty() {
            d.insert(self.doc.lang.clone(), description);
        }
        Field {
            name,
            ty: ty_text,
            required: req.is_some_and(|r| matches!(cell(r), "是" | "Yes")),
            nullable,
            description: d,
            example,
        }
    }

    /// The type of a field: the cell's text when it is in the type grammar, else the data
    /// structure its link names (`[CCN](#CCN)`), else the text with a warning.
    fn field_type(&mut self, name: &str, text: String, links: &[String], line: usize) -> String {
        if text.is_empty() {
            self.warn(line, format!("field {name} has no type"));
            return text;
        }
        if is_field_type(&text) {
            return text;
        }
        let anchors: Vec<&str> = links
            .iter()
            .filter_map(|l| l.rsplit_once('#').map(|(_, a)| a))
            .filter(|a| is_type_name(a))
            .collect();
        if let [anchor] = anchors.as_slice() {
            return if text.starts_with("Array of") {
                format!("Array of {anchor}")
            } else {
                (*anchor).to_string()
            };
        }
        self.warn(
            line,
            format!("field {name}: type {text:?} is not in the type grammar; kept as written"),
        );
        text
    }

    /// Code in a description (an action's, or a data structure's before its table) is part of
    /// that description; code elsewhere in an action or a definition is a warning. Code on
    /// pages about calling conventions illustrates them and is not spec content.
    fn code_outside_examples(&mut self, block: &Block) {
        let lang = self.doc.lang.clone();
        if let Some(a) = self.action.as_mut() {
            if self.part == Some(Part::Description) {
                a.description.push(block.text.clone());
            } else {
                let part = self.part.unwrap_or(Part::Unknown);
                self.warn(
                    block.line,
                    format!("code in an action's {part:?} part: not read"),
                );
            }
        } else if let Some(ty) = self.typedef.as_mut() {
            if ty.fields.is_empty() && self.table.is_none() {
                push_text(ty.description.entry(lang).or_default(), &block.text);
            } else {
                let msg = format!("{}: code after the field table: not read", ty.name);
                self.warn(block.line, msg);
            }
        }
    }

    fn code(&mut self, block: &'b Block) {
        let Some(lines) = block.code_lines() else {
            return;
        };
        let in_examples = self.part == Some(Part::Examples);
        if !in_examples {
            self.code_outside_examples(block);
            return;
        }
        let Some(a) = self.action.as_mut() else {
            return;
        };
        if a.examples.is_empty() {
            a.examples.push(RawExample {
                line: block.line,
                ..RawExample::default()
            });
        }
        let expect = a.expect.take();
        let Some(ex) = a.examples.last_mut() else {
            return;
        };
        match expect {
            Some(true) => ex.input = Some(lines),
            Some(false) => ex.output = Some(lines),
            None => {
                let msg = "code in the examples without an input/output label";
                self.warn(block.line, msg);
            }
        }
    }

    fn close_type(&mut self) {
        if let Some(ty) = self.typedef.take() {
            if ty.fields.is_empty() && (self.type_table || ty.used_by.is_empty()) {
                // A heading that happens to be one word (`Java`): followed by no table it is
                // text; followed by another kind of table, that table's warning says so.
            } else if ty.fields.is_empty() {
                let msg = format!(
                    "{} has a used-by line but no field table: not a data structure, skipped",
                    ty.name
                );
                self.warn(ty.source.line, msg);
            } else {
                self.doc.types.push(ty);
            }
        }
    }

    fn close_action(&mut self) {
        if let Some(a) = self.action.take() {
            self.finished.push(a);
        }
        self.part = None;
        self.table = None;
    }

    /// Builds the actions once the whole source is read (examples need the types).
    fn finish(&mut self) {
        let builders = std::mem::take(&mut self.finished);
        for b in builders {
            if let Some(action) = self.build_action(b) {
                self.doc.actions.push(action);
            }
        }
        self.doc.version = majority(self.doc.actions.iter().filter_map(|a| a.version.clone()));
        if self.doc.service.is_none() {
            self.doc.service = majority(self.doc.actions.iter().filter_map(|a| a.service.clone()));
        }
        if self.doc.endpoint.is_none() {
            self.doc.endpoint = majority(self.doc.actions.iter().filter_map(|a| a.host.clone()));
        }
    }

    fn build_action(&mut self, b: ActionBuilder<'b>) -> Option<DocAction> {
        let lang = self.doc.lang.clone();
        let Some(name) = b.name.clone().or_else(|| b.prose_name.clone()) else {
            self.warn(
                b.line,
                "action section without an Action parameter or name: skipped",
            );
            return None;
        };
        if b.name.is_none() {
            self.warn(
                b.line,
                format!("no Action parameter row; name {name} taken from the prose"),
            );
        }
        let overview = self.doc.overview.get(&name).cloned();
        let mut title = Localized::new();
        if let Some(t) = overview
            .as_ref()
            .map(|o| o.title.clone())
            .or(b.title.clone())
        {
            if t != name {
                title.insert(lang.clone(), t);
            }
        }
        let mut category = Localized::new();
        if let Some(c) = overview.as_ref().and_then(|o| o.category.clone()) {
            category.insert(lang.clone(), c);
        }
        let mut description = Localized::new();
        if !b.description.is_empty() {
            description.insert(lang.clone(), b.description.join("\n"));
        }
        let (examples, pending_queries) = self.build_examples(&b, &name);
        let mut errors = Vec::with_capacity(b.errors.len());
        for (code, listed) in &b.errors {
            errors.push(code.clone());
            self.note_action_error(code, listed);
        }
        let service = b
            .host
            .as_deref()
            .and_then(|h| h.split('.').next())
            .map(str::to_string);
        let action = Action {
            name,
            title,
            description,
            category,
            rate_limit_per_second: overview.and_then(|o| o.rate).or(b.rate),
            region: b.region.unwrap_or(RegionRequirement::None),
            input: b.input,
            output: b.output,
            errors,
            examples,
            source: SourceRef {
                path: self.doc.path.clone(),
                line: b.line,
            },
        };
        Some(DocAction {
            action,
            updated: b.updated,
            version: b.version,
            service,
            host: b.host,
            pending_queries,
        })
    }

    fn note_action_error(&mut self, code: &str, listed: &ListedError) {
        self.doc
            .action_errors
            .entry(code.to_string())
            .or_insert_with(|| listed.clone());
    }

    fn build_examples(
        &mut self,
        b: &ActionBuilder<'b>,
        name: &str,
    ) -> (Vec<Example>, Vec<PendingQuery>) {
        let mut out = Vec::with_capacity(b.examples.len());
        let mut pending = Vec::new();
        for raw in &b.examples {
            let mut title = Localized::new();
            if !raw.title.is_empty() {
                title.insert(self.doc.lang.clone(), raw.title.clone());
            }
            let input = match raw.input.as_ref().map(|l| self.example_input(l, &b.input)) {
                Some(Input::Json(v)) => Some(v),
                Some(Input::Pending(query, line)) => {
                    pending.push(PendingQuery {
                        example: out.len(),
                        query,
                        line,
                    });
                    None
                }
                Some(Input::None) | None => None,
            };
            let output = raw.output.as_ref().and_then(|l| self.example_output(l));
            if raw.input.is_none() || raw.output.is_none() {
                self.warn(
                    raw.line,
                    format!("{name}: example without input or output code"),
                );
            }
            out.push(Example {
                title,
                input,
                output,
            });
        }
        if out.is_empty() {
            self.warn(b.line, format!("{name}: no examples"));
        }
        (out, pending)
    }

    fn example_input(&mut self, lines: &[(usize, &str)], input: &[Field]) -> Input {
        if let Some(pos) = lines
            .iter()
            .position(|(_, l)| l.starts_with("http") && l.contains('?'))
        {
            // One line per source line: the query reader joins them, and tells a line that
            // starts a parameter without its `&` from a value the wrap cut.
            let query = lines[pos..]
                .iter()
                .map(|(_, l)| l.split_once('?').map_or(*l, |(_, q)| q))
                .collect::<Vec<_>>()
                .join("\n");
            let line = lines.get(pos).map_or(0, |(n, _)| *n);
            return match examples::query_to_json(&query, input, &self.doc.types) {
                Ok(v) => Input::Json(v),
                // Retried by the merge with the types of every source (its warning if not).
                Err(_) => Input::Pending(query, line),
            };
        }
        let body_start = lines
            .iter()
            .position(|(_, l)| l.starts_with(['{', '[', '"']))
            .unwrap_or(lines.len());
        let body = lines.get(body_start..).unwrap_or(&[]);
        if body.is_empty() {
            let line = lines.first().map_or(0, |(n, _)| *n);
            self.warn(line, "input example without a body");
            return Input::None;
        }
        examples::parse_json_example(body, &self.doc.path, &mut self.diags)
            .map_or(Input::None, Input::Json)
    }

    fn example_output(&mut self, lines: &[(usize, &str)]) -> Option<Value> {
        let value = examples::parse_json_example(lines, &self.doc.path, &mut self.diags)?;
        let response = match value {
            Value::Object(mut members) => members.remove("Response"),
            _ => None,
        };
        match response {
            Some(inner) => Some(inner),
            None => {
                let line = lines.first().map_or(0, |(n, _)| *n);
                self.warn(line, "output example has no \"Response\" object");
                None
            }
        }
    }
}

/// Handles a paragraph of an action's description part.
fn description_paragraph(a: &mut ActionBuilder<'_>, text: &str) {
    for prefix in ["接口请求域名：", "Domain name for API request:"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            let host = rest.trim().trim_end_matches(['。', '.']).trim();
            a.host = Some(host.to_string());
            return;
        }
    }
    if let Some(rate) = rate_limit(text) {
        a.rate = Some(rate);
        return;
    }
    if text.starts_with("API Explorer") {
        return;
    }
    if a.prose_name.is_none() {
        a.prose_name = prose_name(text);
    }
    a.description.push(text.to_string());
}

/// Handles a paragraph (or sub-heading) of an action's examples part.
fn example_paragraph(a: &mut ActionBuilder<'_>, text: &str, line: usize) {
    if let Some(input) = example_label(text) {
        a.expect = Some(input);
    } else if let Some(title) = example_title(text) {
        a.examples.push(RawExample {
            title,
            line,
            ..RawExample::default()
        });
    }
}

/// Files an input row: the common parameters set name, version and region requirement.
fn input_field(a: &mut ActionBuilder<'_>, field: Field, cells: &[String]) {
    let desc = cells.last().map_or("", String::as_str);
    match field.name.as_str() {
        "Action" => a.name = common_value(desc),
        "Version" => a.version = common_value(desc),
        "Region" => a.region = Some(region_requirement(field.required, desc)),
        _ => a.input.push(field),
    }
}

fn blank_field() -> Field {
    Field {
        name: String::new(),
        ty: String::new(),
        required: false,
        nullable: false,
        description: Localized::new(),
        example: None,
    }
}

/// The most frequent value (the first one on ties).
fn majority(values: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(k, _)| *k == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{page, pdf};

    fn doc_from_pdf(src: &str) -> (Doc, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let blocks = pdf::blocks(src, "doc.pdf.txt", &mut d);
        let (doc, more) = extract(&blocks, "doc.pdf.txt");
        d.extend(more);
        (doc, d)
    }

    /// A minimal action section in the PDF export's shape.
    fn action_section(action_row: &str, prose: &str, region_row: &str) -> String {
        format!(
            "轻量应用服务器\n\n 1. 接口描述\n\n接口请求域名： lighthouse.tencentcloudapi.com 。\n\n{prose}\n\n默认接口请求频率限制：20次/秒。\n\n2. 输入参数\n\n参数名称 必选 类型 描述\n\n{action_row}\n\nVersion 是 String 公共参数，本接口取值：2020-03-24。\n\n{region_row}\n\nInstanceIds.N 是 Array of String 实例ID列表。\n示例值：[\"lhins-1\"]\n\n3. 输出参数\n\n参数名称 类型 描述\n\nDescription String\n描述。\n注意：此字段可能返回 null，表示取不到有效值。\n\nRequestId String 唯一请求 ID。\n\n4. 示例\n\n示例1 示例标题\n\n输入示例\n\nPOST / HTTP/1.1\nHost: lighthouse.tencentcloudapi.com\n<公共请求参数>\n\n{{\n\"InstanceIds\": [\"lhins-1\"]\n}}\n\n输出示例\n\n{{\n\"Response\": {{\n\"Description\": null,\n\"RequestId\": \"r\"\n}}\n}}\n\n6. 错误码\n\n错误码 描述\n\nFailedOperation 操作失败。\n"
        )
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:12639-12650: the prose says
    // "ReplaceFirewallTemplateRules", the Action row "ReplaceFirewallTemplateRule".
    #[test]
    fn name_comes_from_the_action_row_not_the_prose() {
        let src = action_section(
            "Action 是 String 公共参数，本接口取值：ReplaceFirewallTemplateRule。",
            "本接口 (ReplaceFirewallTemplateRules) 用于替换防火墙模板规则。",
            "Region 是 String 公共参数，详见产品支持的 地域列表。",
        );
        let (doc, _) = doc_from_pdf(&src);
        let a = doc.actions.first().map(|a| &a.action);
        assert_eq!(
            a.map(|a| a.name.as_str()),
            Some("ReplaceFirewallTemplateRule")
        );
        assert_eq!(doc.version.as_deref(), Some("2020-03-24"));
        assert_eq!(doc.service.as_deref(), Some("lighthouse"));
    }

    #[test]
    fn fields_rate_limit_examples_and_errors() {
        let src = action_section(
            "Action 是 String 公共参数，本接口取值：StartInstances。",
            "本接口（StartInstances）用于启动实例。",
            "Region 是 String 公共参数，详见产品支持的 地域列表。",
        );
        let (doc, diags) = doc_from_pdf(&src);
        assert!(diags.is_empty(), "{diags:?}");
        let a = &doc.actions[0].action;
        assert_eq!(a.rate_limit_per_second, Some(20));
        assert_eq!(a.region, RegionRequirement::Required);
        assert_eq!(a.input.len(), 1);
        assert_eq!(a.input[0].name, "InstanceIds");
        assert_eq!(a.input[0].ty, "Array of String");
        assert!(a.input[0].required);
        assert_eq!(a.input[0].example.as_deref(), Some("[\"lhins-1\"]"));
        assert_eq!(a.output.len(), 1);
        assert!(a.output[0].nullable);
        assert_eq!(a.errors, ["FailedOperation"]);
        assert_eq!(
            a.examples[0].input,
            Some(serde_json::json!({"InstanceIds": ["lhins-1"]}))
        );
        assert_eq!(
            a.examples[0].output,
            Some(serde_json::json!({"Description": null, "RequestId": "r"}))
        );
        assert_eq!(
            a.description.get("zh-CN").map(String::as_str),
            Some("本接口（StartInstances）用于启动实例。")
        );
    }

    // cbs-CopySnapshotCrossRegions.en-US.page.txt: an English page with its own endpoint.
    #[test]
    fn english_page_is_read() {
        let src = "APIs\nCopySnapshotCrossRegions\nDownload\nLast updated: 2026-05-15 18:15:57\n\n1. API Description\n\nDomain name for API request: cbs.intl.tencentcloudapi.com.\n\nThis API is used to replicate snapshots.\n\nA maximum of 20 requests can be initiated per second for this API.\n\n2. Input Parameters\n\nParameter Name Required Type Description\nAction Yes String Common Params. The value used for this API: CopySnapshotCrossRegions.\nVersion Yes String Common Params. The value used for this API: 2017-03-12.\nRegion Yes String Common Params.\nSnapshotId No String Snapshot ID.\n\n3. Output Parameters\n\nParameter Name Type Description\nRequestId String The unique request ID.\n\n4. Example\n\nExample1 Replicating\n\nInput Example\n\nPOST / HTTP/1.1\nHost: cbs.intl.tencentcloudapi.com\n<Common request parameters>\n\n{\n    \"SnapshotId\": \"snap-1\"\n}\n\nOutput Example\n\n{\n    \"Response\": {\n        \"RequestId\": \"r\"\n    }\n}\n\n6. Error Code\n\nError Code Description\nResourceBusy The resource is busy.\n";
        let mut d = Vec::new();
        let blocks = page::blocks(src, "p.page.txt", &mut d);
        let (doc, more) = extract(&blocks, "p.page.txt");
        assert!(more.is_empty(), "{more:?}");
        assert_eq!(doc.lang, "en-US");
        assert_eq!(doc.service.as_deref(), Some("cbs"));
        assert_eq!(doc.version.as_deref(), Some("2017-03-12"));
        let da = &doc.actions[0];
        assert_eq!(da.updated.as_deref(), Some("2026-05-15 18:15:57"));
        assert_eq!(da.action.name, "CopySnapshotCrossRegions");
        assert!(da.action.title.is_empty());
        assert_eq!(da.action.rate_limit_per_second, Some(20));
        assert_eq!(
            da.action.examples[0].title.get("en-US").map(String::as_str),
            Some("Replicating")
        );
        assert_eq!(
            doc.action_errors
                .get("ResourceBusy")
                .map(|e| e.description.as_str()),
            Some("The resource is busy.")
        );
    }

    fn doc_from_markdown(src: &str) -> (Doc, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let blocks = crate::parse::markdown::blocks(src, "p.md", &mut d);
        let (doc, more) = extract(&blocks, "p.md");
        d.extend(more);
        (doc, d)
    }

    // spec/sources/qcloud-documents/api/API 3.0/计算/云服务器/数据结构_intl.md:2-12 and
    // 47-55: structures at `##`, a "Used by actions" line, tables with and without Required.
    #[test]
    fn data_structure_page_in_markdown() {
        let src = "\n## ActionTimer\n\nTimed task\n\nUsed by actions: RunInstances.\n\n| Name | Type | Required | Description |\n|------|------|----------|------|\n| Externals | [Externals](#Externals) | Yes | Extended data |\n| TimerAction | String | No | Timer name. |\n\n## DisasterRecoverGroup\n\nInformation on disaster recovery group\n\nReferenced by the following APIs: DescribeDisasterRecoverGroups, RunInstances\n\n| Name | Type | Description |\n|------|------|-------|\n| InstanceIds | Array of String | List of IDs. |\n| Link | Array of [CCN](#CCN) | A linked all-caps type. |\n";
        let (doc, diags) = doc_from_markdown(src);
        assert!(diags.is_empty(), "{diags:?}");
        let names: Vec<&str> = doc.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["ActionTimer", "DisasterRecoverGroup"]);
        let timer = &doc.types[0];
        assert_eq!(timer.used_by, ["RunInstances"]);
        assert_eq!(
            timer.description.get("en-US").map(String::as_str),
            Some("Timed task")
        );
        assert_eq!(timer.fields[0].ty, "Externals");
        assert!(timer.fields[0].required);
        assert!(!timer.fields[1].required);
        let group = &doc.types[1];
        assert_eq!(
            group.used_by,
            ["DescribeDisasterRecoverGroups", "RunInstances"]
        );
        assert_eq!(group.fields[1].ty, "Array of CCN");
        assert!(doc.rows.iter().all(|r| r.used == RowUse::TypeField));
        assert_eq!(doc.rows.len(), 4);
    }

    // 云服务器/密钥相关接口/创建密钥对_intl.md:43-63: `### Example 1 ...`, `#### Input example`
    // (lower-case e), a GET example; the Action row worded "Value used in this API" (the
    // docs-site wording the issue reports).
    #[test]
    fn markdown_action_page_with_examples() {
        let src = "## 1. API Description\n\nDomain name for API request: cvm.tencentcloudapi.com\n\nThis API (CreateKeyPair) is used to create a key pair.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---------|---------|---------|---------|\n| Action | Yes | String | Common parameter. Value used in this API: CreateKeyPair |\n| Version | Yes |  String | Common parameter. The value used for this API: 2017-03-12 |\n| KeyName | Yes | String | Name of key pair. |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---------|---------|---------|\n| KeyId | String | ID. |\n| RequestId | String | The unique request ID. |\n\n## 4. Error Codes\n\n| Error Code | Description |\n|---------|---------|\n| InternalServerError | Internal error. |\n\n## 5. Example\n\n### Example 1 Create a key pair\n\n#### Input example\n\n```\nhttps://cvm.tencentcloudapi.com/?Action=CreateKeyPair\n&KeyName=Tencent\n&<Common request parameters>\n```\n\n#### Output example\n\n```\n{\n  \"Response\": {\n    \"KeyId\": \"skey-1\",\n    \"RequestId\": \"r\"\n  }\n}\n```\n\n### Example 2: Another one\n\n#### Input Example\n\n```\n{\"KeyName\": \"b\"}\n```\n\n#### Output Example\n\n```\n{\"Response\": {\"KeyId\": \"skey-2\", \"RequestId\": \"s\"}}\n```\n";
        let (doc, diags) = doc_from_markdown(src);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.service.as_deref(), Some("cvm"));
        assert_eq!(doc.version.as_deref(), Some("2017-03-12"));
        let a = &doc.actions[0].action;
        assert_eq!(a.name, "CreateKeyPair");
        assert_eq!(a.input.len(), 1);
        assert_eq!(a.output.len(), 1);
        assert_eq!(a.errors, ["InternalServerError"]);
        assert_eq!(a.examples.len(), 2);
        let titles: Vec<_> = a
            .examples
            .iter()
            .map(|e| e.title.get("en-US").cloned().unwrap_or_default())
            .collect();
        assert_eq!(titles, ["Create a key pair", "Another one"]);
        assert_eq!(
            a.examples[0].input,
            Some(serde_json::json!({"KeyName": "Tencent"}))
        );
        assert_eq!(
            a.examples[1].output,
            Some(serde_json::json!({"KeyId": "skey-2", "RequestId": "s"}))
        );
    }

    // 云硬盘/快照相关接口/修改快照信息_intl.md:27 `|| IsPermanent | No | Boolean | ... |` as the
    // HTML rendered from it has it: an empty first cell, the description dropped.
    #[test]
    fn a_row_shifted_one_column_right_moves_back() {
        let header = ["Parameter Name", "Required", "Type", "Description"].map(String::from);
        let action = [
            "Action",
            "Yes",
            "String",
            "Common parameter. The value used for this API: ModifySnapshotAttribute",
        ]
        .map(String::from);
        let shifted = ["", "IsPermanent", "No", "Boolean"].map(String::from);
        let blocks = vec![
            Block::heading(3, "1. API Description", 1),
            Block::paragraph("Domain name for API request: cbs.tencentcloudapi.com", 3),
            Block::heading(3, "2. Input Parameters", 5),
            Block::table_row(header.to_vec(), true, Vec::new(), 7),
            Block::table_row(action.to_vec(), false, Vec::new(), 9),
            Block::table_row(shifted.to_vec(), false, Vec::new(), 27),
        ];
        let (doc, diags) = extract(&blocks, "p.html");
        let field = &doc.actions[0].action.input[0];
        assert_eq!(field.name, "IsPermanent");
        assert_eq!(field.ty, "Boolean");
        assert!(!field.required);
        assert!(diags
            .iter()
            .any(|d| d.line == 27 && d.message.contains("one column to the right")));
    }

    // A one-word sub-heading inside an action (`### Note`) is not a data structure; a
    // definition (a name, its description, a Name/Type table) after the action, in the same
    // source, is one and ends the action.
    #[test]
    fn definitions_are_told_from_sub_headings_by_the_table_after_them() {
        let src = "## 1. API Description\n\nDomain name for API request: cvm.tencentcloudapi.com\n\nThis API (DescribeZones) is used to query zones.\n\n### Note\n\nRead the notes.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| Action | Yes | String | Common parameter. The value used for this API: DescribeZones |\n| Version | Yes | String | Common parameter. The value used for this API: 2017-03-12 |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---|---|---|\n| ZoneSet | Array of [ZoneInfo](#ZoneInfo) | Zones. |\n\n## ZoneInfo\n\nA zone.\n\n| Name | Type | Description |\n|---|---|---|\n| Zone | String | Zone ID. |\n";
        let (doc, _) = doc_from_markdown(src);
        let a = &doc.actions[0].action;
        assert_eq!(a.name, "DescribeZones");
        assert_eq!(a.output.len(), 1);
        assert!(a.description["en-US"].contains("Read the notes."));
        let names: Vec<&str> = doc.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["ZoneInfo"]);
    }
}
