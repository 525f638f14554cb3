//! Requests to the workshop server, each with the link's token as
//! `Authorization: Bearer …` (the token lives in the URL fragment, never in a path or a
//! query the server could log).

use super::api::{refusal, Refusal};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a request gave nothing usable.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The server could not be reached (offline, server stopped).
    Network,
    /// The server answered with a refusal.
    Refused(u16, Refusal),
}

impl Failure {
    /// The message to show.
    pub fn message(&self) -> String {
        match self {
            Failure::Network => String::new(),
            Failure::Refused(_, r) => r.message.clone(),
        }
    }
}

fn headers(token: &str, json: bool) -> Result<web_sys::Headers, JsValue> {
    let h = web_sys::Headers::new()?;
    h.set("Authorization", &format!("Bearer {token}"))?;
    if json {
        h.set("Content-Type", "application/json")?;
    }
    Ok(h)
}

/// Starts a request; the response whatever its status, or `Network`.
pub async fn send(
    method: &str,
    path: &str,
    token: &str,
    body: Option<&str>,
    extra: &[(&str, &str)],
) -> Result<web_sys::Response, Failure> {
    let window = crate::dom::window().ok_or(Failure::Network)?;
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let h = headers(token, body.is_some()).map_err(|_| Failure::Network)?;
    for (name, value) in extra {
        h.set(name, value).map_err(|_| Failure::Network)?;
    }
    init.set_headers(&h);
    if let Some(b) = body {
        init.set_body(&JsValue::from_str(b));
    }
    let response = JsFuture::from(window.fetch_with_str_and_init(path, &init))
        .await
        .map_err(|_| Failure::Network)?;
    Ok(response.unchecked_into())
}

/// The body of a response as text.
pub async fn text_of(response: &web_sys::Response) -> Result<String, Failure> {
    let promise = response.text().map_err(|_| Failure::Network)?;
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or(Failure::Network)
}

/// A request whose success is text (a report, an export): a refusal says why.
pub async fn text(
    method: &str,
    path: &str,
    token: &str,
    body: Option<&str>,
) -> Result<String, Failure> {
    let response = send(method, path, token, body, &[]).await?;
    let status = response.status();
    let text = text_of(&response).await?;
    if response.ok() {
        Ok(text)
    } else {
        Err(Failure::Refused(status, refusal(status, &text)))
    }
}

/// A JSON object to send, written field by field: no `serde_json::Value` tree, whose
/// building and writing would otherwise be in the module for these few bodies only.
#[derive(Debug, Clone)]
pub struct Body(String);

impl Body {
    /// `{}`.
    pub fn new() -> Self {
        Body("{".into())
    }

    /// The object with `key` set to `value` (written after the fields set before).
    pub fn with<V: serde::Serialize + ?Sized>(mut self, key: &str, value: &V) -> Self {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0
            .push_str(&serde_json::to_string(key).expect("a string serialises"));
        self.0.push(':');
        self.0
            .push_str(&serde_json::to_string(value).expect("a body's field serialises"));
        self
    }

    /// The object as JSON text.
    pub fn text(&self) -> String {
        format!("{}}}", self.0)
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::new()
    }
}

/// A request whose success is JSON of type `T`.
pub async fn json<T: DeserializeOwned>(
    method: &str,
    path: &str,
    token: &str,
    body: Option<&Body>,
) -> Result<T, Failure> {
    let body = body.map(Body::text);
    let text = text(method, path, token, body.as_deref()).await?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::Refused(
            200,
            Refusal {
                code: "unreadable".into(),
                message: e.to_string(),
                current: None,
            },
        )
    })
}

/// `GET` as JSON.
pub async fn get<T: DeserializeOwned>(path: &str, token: &str) -> Result<T, Failure> {
    json("GET", path, token, None).await
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = crate::dom::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads the next chunk of a streamed body: `None` at its end or on a broken stream.
pub async fn next_chunk(reader: &web_sys::ReadableStreamDefaultReader) -> Option<Vec<u8>> {
    let result = JsFuture::from(reader.read()).await.ok()?;
    let done = js_sys::Reflect::get(&result, &JsValue::from_str("done")).ok()?;
    if done.as_bool().unwrap_or(true) {
        return None;
    }
    let value = js_sys::Reflect::get(&result, &JsValue::from_str("value")).ok()?;
    Some(js_sys::Uint8Array::new(&value).to_vec())
}

#[cfg(test)]
mod tests {
    use super::Body;

    #[test]
    fn a_body_is_the_json_object_of_its_fields() {
        assert_eq!(Body::new().text(), "{}");
        let body = Body::new()
            .with("name", "Zoé \"la\" rapporteuse")
            .with("base_version", &3_i64)
            .with("level", &None::<String>)
            .with("from_last", &true);
        let text = body.text();
        let read: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            read,
            serde_json::json!({
                "name": "Zoé \"la\" rapporteuse", "base_version": 3, "level": null, "from_last": true,
            })
        );
        assert_eq!(
            text,
            r#"{"name":"Zoé \"la\" rapporteuse","base_version":3,"level":null,"from_last":true}"#
        );
    }
}
