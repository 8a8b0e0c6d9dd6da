//! Small hand-made specs for the diff and history tests.
#![allow(dead_code)]

use tcgen::spec::{
    Action, ErrorCode, Field, Localized, RegionRequirement, SourceRef, Spec, TypeDef,
    FORMAT_VERSION,
};

/// Text in one language.
pub fn zh(text: &str) -> Localized {
    Localized::from([("zh-CN".to_string(), text.to_string())])
}

fn source() -> SourceRef {
    SourceRef {
        path: "spec/sources/test.txt".to_string(),
        line: 1,
    }
}

/// A field; `required` and `nullable` default to false.
pub fn field(name: &str, ty: &str) -> Field {
    Field {
        name: name.to_string(),
        ty: ty.to_string(),
        required: false,
        nullable: false,
        description: zh(&format!("{name} 的描述")),
        example: None,
    }
}

/// A required field.
pub fn required(name: &str, ty: &str) -> Field {
    Field {
        required: true,
        ..field(name, ty)
    }
}

/// A nullable field.
pub fn nullable(name: &str, ty: &str) -> Field {
    Field {
        nullable: true,
        ..field(name, ty)
    }
}

/// An action with inputs and outputs.
pub fn action(name: &str, input: Vec<Field>, output: Vec<Field>) -> Action {
    Action {
        name: name.to_string(),
        title: zh(name),
        description: zh(&format!("{name} 的描述")),
        category: Localized::new(),
        rate_limit_per_second: Some(20),
        region: RegionRequirement::Required,
        input,
        output,
        errors: Vec::new(),
        examples: Vec::new(),
        source: source(),
    }
}

/// A data structure.
pub fn type_def(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        description: zh(&format!("{name} 的描述")),
        used_by: Vec::new(),
        fields,
        inferred: false,
        source: source(),
    }
}

/// A service-wide error code.
pub fn error(code: &str) -> ErrorCode {
    ErrorCode {
        code: code.to_string(),
        description: zh(code),
        common: false,
    }
}

/// A lighthouse spec holding these items (sorted like the parser would).
pub fn spec(actions: Vec<Action>, types: Vec<TypeDef>, errors: Vec<ErrorCode>) -> Spec {
    let mut spec = Spec {
        format: FORMAT_VERSION,
        service: "lighthouse".to_string(),
        version: "2020-03-24".to_string(),
        title: zh("轻量应用服务器"),
        endpoint: "lighthouse.tencentcloudapi.com".to_string(),
        regional_endpoints: Default::default(),
        regions: Vec::new(),
        actions,
        types,
        errors,
        history: Vec::new(),
        sources: Vec::new(),
    };
    spec.normalize();
    spec
}

/// The "old" spec of the constructed-change tests.
pub fn old_spec() -> Spec {
    let mut create = action(
        "CreateInstances",
        vec![
            required("BundleId", "String"),
            field("InstanceCount", "Integer"),
            field("DryRun", "Boolean"),
            field("LoginConfiguration", "LoginConfiguration"),
        ],
        vec![field("InstanceIdSet", "Array of String")],
    );
    create.errors = vec!["InvalidParameter".to_string(), "LimitExceeded".to_string()];
    spec(
        vec![
            create,
            action(
                "DescribeInstances",
                vec![field("Limit", "Integer")],
                vec![
                    field("TotalCount", "Integer"),
                    field("InstanceSet", "Array of Instance"),
                ],
            ),
            action("OldAction", vec![], vec![]),
        ],
        vec![
            type_def(
                "Instance",
                vec![field("InstanceId", "String"), field("Zone", "String")],
            ),
            type_def(
                "LoginConfiguration",
                vec![
                    field("Password", "String"),
                    field("KeyIds", "Array of String"),
                ],
            ),
        ],
        vec![error("FailedOperation"), error("InternalError")],
    )
}

/// The "new" spec of the constructed-change tests: a field removed, a type changed, a new
/// required input, and compatible additions.
pub fn new_spec() -> Spec {
    let mut new = old_spec();
    new.actions.retain(|a| a.name != "OldAction");
    new.actions.push(action(
        "SyncBlueprint",
        vec![required("BlueprintId", "String")],
        vec![],
    ));
    if let Some(create) = new.actions.iter_mut().find(|a| a.name == "CreateInstances") {
        create.input.retain(|f| f.name != "DryRun");
        create.input.push(required("Zones", "Array of String"));
        create.input.push(field("InitCommand", "Command"));
        create.errors = vec![
            "InvalidParameter".to_string(),
            "ResourceNotFound".to_string(),
        ];
    }
    if let Some(describe) = new
        .actions
        .iter_mut()
        .find(|a| a.name == "DescribeInstances")
    {
        describe.output[0].ty = "String".to_string();
        describe.description = zh("新的描述");
    }
    if let Some(instance) = new.types.iter_mut().find(|t| t.name == "Instance") {
        instance.fields.push(nullable("InitInvocationId", "String"));
        instance.fields[1].nullable = true;
    }
    new.types
        .push(type_def("Command", vec![required("Content", "String")]));
    new.errors.push(error("UnauthorizedOperation"));
    new.normalize();
    new
}
