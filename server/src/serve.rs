//! Starting the server: options, database, first workspace, routes and middleware.

use crate::error::ApiError;
use crate::limits::{GRID_BODY, IMPORT_BODY, JSON_BODY};
use crate::routes::router;
use crate::store::{text, Store};
use crate::App;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use sqlx::any::AnyRow;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Options of `domino serve`.
#[derive(Clone, clap::Args)]
pub struct ServeArgs {
    /// The database: an SQLite file (created on first start) or `postgres://…`.
    #[arg(long, default_value = "domino-workshops.db", value_name = "URL")]
    pub db: String,
    /// The address to listen on; `0.0.0.0:8080` serves the room's local network.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The address participants reach, when it is not the listen address (behind a
    /// proxy): the links and the join QR code carry it.
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// The built web app to serve (default: `web/dist` when it exists).
    #[arg(long, value_name = "DIR")]
    pub web: Option<PathBuf>,
    /// Create a new workspace with this title and print its facilitator's link.
    #[arg(long, value_name = "TITLE")]
    pub new_workspace: Option<String>,
    /// Print a new facilitator's link to the workspace (its id or title when there
    /// are several); the earlier links stay valid until revoked.
    #[arg(long, value_name = "WORKSPACE", num_args = 0..=1, default_missing_value = "")]
    pub new_facilitator_link: Option<String>,
}

/// Never prints the database password (`--db postgres://user:SECRET@host/db`).
impl std::fmt::Debug for ServeArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServeArgs")
            .field("db", &crate::store::redact(&self.db))
            .field("listen", &self.listen)
            .field("public_url", &self.public_url)
            .field("web", &self.web)
            .field("new_workspace", &self.new_workspace)
            .field("new_facilitator_link", &self.new_facilitator_link)
            .finish()
    }
}

/// A running server.
pub struct Started {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The address participants reach (`--public-url`, or the listen address).
    pub public_url: String,
    /// Why participants' phones may not reach it, when that is so.
    pub warning: Option<String>,
    /// The facilitator's link printed at start, when one was made.
    pub facilitator_link: Option<String>,
    /// The facilitator's token inside that link.
    pub facilitator_token: Option<String>,
    /// The server's shared state (tests add workspaces through it).
    pub app: App,
    /// The serving task.
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Runs `domino serve` until interrupted: builds the runtime, starts, prints the link.
pub fn run(args: ServeArgs) -> Result<(), String> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DOMINO_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let started = start(args).await?;
        print_start(&started);
        tokio::select! {
            r = started.task => r.map_err(|e| e.to_string())?.map_err(|e| e.to_string()),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// What `domino serve` says at start: where it listens, the address in the links, the facilitator's link.
fn print_start(started: &Started) {
    println!("domino serve: listening on http://{}", started.addr);
    println!(
        "participants join at {} (the board shows the join link and its QR code)",
        started.public_url
    );
    if let Some(warning) = &started.warning {
        println!("note: {warning}");
    }
    match &started.facilitator_link {
        Some(link) => println!(
            "facilitator's link (keep it secret, it opens the whole workspace):\n  {link}"
        ),
        None => println!(
            "the facilitator's link was printed when the workspace was made; for a new one: domino serve --new-facilitator-link (earlier links stay valid until revoked)"
        ),
    }
}

/// Opens the database, makes the first workspace if needed, binds and serves in a task.
pub async fn start(args: ServeArgs) -> Result<Started, String> {
    let store = Store::open(&args.db).await.map_err(|e| {
        let db = crate::store::redact(&args.db);
        format!(
            "cannot open the database `{db}`: {}",
            crate::store::redact_in(&e.to_string(), &args.db)
        )
    })?;
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| {
            format!(
                "cannot listen on {}: {e} (choose another address with --listen)",
                args.listen
            )
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let reachable = crate::address::reachable(addr, args.public_url.as_deref())?;
    let app = App {
        store,
        live: Default::default(),
        grids: Default::default(),
        public_url: Arc::from(reachable.url.as_str()),
        reachable_warning: reachable.warning.as_deref().map(Arc::from),
        writes: Default::default(),
    };
    let token = first_link(&app, &args).await.map_err(|e| e.message)?;
    tokio::spawn(prune_hourly(app.store.clone()));
    let facilitator_link = token.as_ref().map(|t| crate::routes::link_url(&app, t));
    let service = routes(app.clone(), web_dir(args.web));
    let task = tokio::spawn(async move { axum::serve(listener, service).await });
    Ok(Started {
        addr,
        public_url: reachable.url,
        warning: reachable.warning,
        facilitator_link,
        facilitator_token: token,
        app,
        task,
    })
}

/// A facilitator's token to print: for a new workspace (`--new-workspace`, or an
/// empty database), or a new link to an existing one (`--new-facilitator-link`).
/// Otherwise none: a link printed at every start would spread a secret to every
/// log and terminal history the start output reaches.
async fn first_link(app: &App, args: &ServeArgs) -> Result<Option<String>, ApiError> {
    let rows = sqlx::query("SELECT id, title FROM workspace ORDER BY created_at, id")
        .fetch_all(&app.store.pool)
        .await?;
    if args.new_workspace.is_some() || rows.is_empty() {
        let title = args.new_workspace.as_deref().unwrap_or("Ateliers DOMINO");
        let (_, token) = crate::routes::create_workspace(app, title).await?;
        return Ok(Some(token));
    }
    let Some(wanted) = args.new_facilitator_link.as_deref() else {
        return Ok(None);
    };
    let chosen: Vec<&AnyRow> = rows
        .iter()
        .filter(|r| wanted.is_empty() || text(r, "id") == wanted || text(r, "title") == wanted)
        .collect();
    let [only] = chosen.as_slice() else {
        let names: Vec<String> = rows
            .iter()
            .map(|r| format!("`{}` ({})", text(r, "title"), text(r, "id")))
            .collect();
        return Err(ApiError::bad_request(
            "which-workspace",
            format!(
                "--new-facilitator-link: {} workspace(s) match `{wanted}`; name one by its title or id: {}",
                chosen.len(),
                names.join(", ")
            ),
        ));
    };
    let (_, token) = crate::routes::create_link(
        &app.store.pool,
        crate::auth::Kind::Facilitator,
        &text(only, "id"),
        None,
        None,
    )
    .await?;
    Ok(Some(token))
}

/// Forgets old idempotency keys at start and every hour after.
async fn prune_hourly(store: Store) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match store.prune_idempotency().await {
            Ok(n) => tracing::debug!(pruned = n, "old idempotency keys forgotten"),
            Err(e) => tracing::warn!(error = %e, "old idempotency keys could not be pruned"),
        }
    }
}

fn web_dir(web: Option<PathBuf>) -> Option<PathBuf> {
    web.or_else(|| Some(PathBuf::from("web/dist")))
        .filter(|d| d.join("index.html").is_file())
}

/// The API's CSP: it serves JSON only, so nothing may load or frame it.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";
/// The web app's CSP: its own scripts and wasm, its own API. No `'unsafe-inline'`
/// styles: the app's only stylesheet is `style.css` and it sets no `style`
/// attribute (its own `index.html` policy already says `style-src 'self'`, and
/// a browser enforces both); `blob:` images as that policy allows, for charts.
const WEB_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The API and the web app, with limits, compression, tracing and security headers.
pub fn routes(app: App, web: Option<PathBuf>) -> Router {
    let api = router()
        .route_layer(DefaultBodyLimit::max(JSON_BODY))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let grids = Router::new()
        .route(
            "/api/grids",
            axum::routing::post(crate::routes::upload_grid),
        )
        .layer(DefaultBodyLimit::max(GRID_BODY))
        .merge(
            Router::new()
                .route(
                    "/api/workspace/import",
                    axum::routing::post(crate::routes::import_archive),
                )
                .layer(DefaultBodyLimit::max(IMPORT_BODY)),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(API_CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    let mut all = grids.merge(api).with_state(app);
    if let Some(dir) = web {
        let index = dir.join("index.html");
        let dir = Arc::<std::path::Path>::from(dir);
        let files = ServeDir::new(&dir)
            .precompressed_gzip()
            .precompressed_br()
            .fallback(ServeFile::new(index));
        let web = Router::new()
            .fallback_service(files)
            .layer(axum::middleware::from_fn_with_state(dir, web_caching))
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(WEB_CSP),
            ));
        all = all.merge(web);
    }
    all.layer(SetResponseHeaderLayer::overriding(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ))
    .layer(SetResponseHeaderLayer::overriding(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("DENY"),
    ))
    .layer(CompressionLayer::new())
    .layer(TraceLayer::new_for_http())
    .layer(
        tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer::new([
            header::AUTHORIZATION,
        ]),
    )
    .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
        axum::response::IntoResponse::into_response(ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed on this request; it keeps serving the others",
        ))
    }))
}

/// How long browsers keep the web app's files: for good when the name carries the file's
/// content hash (`name.<10 hex digits>.ext`, written by `cargo xtask build-web`) and the
/// file exists (not the page sent for an unknown path); else they revalidate each time (the
/// page and its service worker, which name the others). Every file has precompressed
/// copies, so caches must key on `Accept-Encoding`.
async fn web_caching(
    axum::extract::State(dir): axum::extract::State<Arc<std::path::Path>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path().trim_start_matches('/');
    let hashed = is_hashed(path) && !path.contains("..") && dir.join(path).is_file();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// Whether a file name is `stem.<10 lowercase hex digits>.ext`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<&str> = name.split('.').collect();
    matches!(parts.as_slice(), [.., stem, hash, _ext] if !stem.is_empty()
        && hash.len() == 10
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}
