//! The response bodies every benchmark uses, built from the documented `DescribeInstances`
//! example in the Lighthouse spec.

use serde_json::Value;

/// The Lighthouse spec, for the documented example output.
const LIGHTHOUSE_SPEC: &str = include_str!("../../../spec/lighthouse/2020-03-24.json");

/// The `Response` object of `DescribeInstances` with the documented instance repeated
/// `instances` times (each with its own `InstanceId` and `InstanceName`) and `TotalCount` set.
pub fn describe_instances_output(instances: usize) -> Value {
    let spec: Value = serde_json::from_str(LIGHTHOUSE_SPEC).expect("the lighthouse spec is JSON");
    let action = spec["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["name"] == "DescribeInstances"))
        .expect("DescribeInstances is in the spec");
    let mut output = action["examples"][0]["output"].clone();
    let instance = output["InstanceSet"][0].clone();
    assert!(
        instance.is_object(),
        "the documented example has an instance"
    );
    let set = (0..instances)
        .map(|i| {
            let mut one = instance.clone();
            one["InstanceId"] = Value::from(format!("lhins-{i:08x}"));
            one["InstanceName"] = Value::from(format!("bench-instance-{i}"));
            one
        })
        .collect();
    output["InstanceSet"] = Value::Array(set);
    output["TotalCount"] = Value::from(instances);
    output["RequestId"] = Value::from("6ef60bec-0242-43af-bb20-270359fb54a7");
    output
}

/// The whole HTTP body `{"Response": output}`, compact as the service sends it.
pub fn envelope(output: &Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({ "Response": output })).expect("serializes")
}

/// Instances in the large response.
pub const LARGE_INSTANCES: usize = 100;

/// Instances in the small response (the documented example as it is).
pub const SMALL_INSTANCES: usize = 1;

/// The 100-instance body (about 100 KB).
pub fn large_body() -> Vec<u8> {
    envelope(&describe_instances_output(LARGE_INSTANCES))
}

/// The one-instance body (about 1 KB).
pub fn small_body() -> Vec<u8> {
    envelope(&describe_instances_output(SMALL_INSTANCES))
}

/// A `DescribeInstances` body of about `bytes` bytes (as many instances as fit), assembled
/// as bytes so that building it costs little more memory than the body itself.
pub fn body_of_about(bytes: usize) -> Vec<u8> {
    let template = describe_instances_output(1);
    let instance = serde_json::to_vec(&template["InstanceSet"][0]).expect("serializes");
    let count = (bytes / (instance.len() + 1)).max(1);
    let mut body = Vec::with_capacity(bytes + 256);
    body.extend_from_slice(
        format!(r#"{{"Response":{{"TotalCount":{count},"InstanceSet":["#).as_bytes(),
    );
    for i in 0..count {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(&instance);
    }
    body.extend_from_slice(br#"],"RequestId":"6ef60bec-0242-43af-bb20-270359fb54a7"}}"#);
    body
}

/// The request body every client in the side-by-side benchmark sends.
pub const REQUEST_BODY: &str = r#"{"Limit":100}"#;
