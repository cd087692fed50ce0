//! SQLCipher's crypto provider over RustCrypto: the page cipher (AES-256-CBC), the page HMAC and
//! the HMAC key's derivation (PBKDF2) that SQLCipher calls for every page it reads or writes.
//!
//! SQLCipher's OpenSSL provider paid OpenSSL 3's start in every process (~1.4 ms) and fetched its
//! HMAC and cipher by name again for every page. The file format is SQLCipher's, byte for byte: a
//! journal written through either provider opens through the other (see `crypto/tests.rs`).
//!
//! SQLCipher keeps one registered provider, copied into each keyed connection as it is keyed; it
//! frees the registered one when its last keyed connection closes, and registers OpenSSL's when a
//! connection is keyed with none registered. So every keyed open goes through [`keying`], which
//! registers ours when it is not the registered one, and the first also keys a connection that
//! stays open for the life of the process, so that the count of keyed connections never falls
//! back to zero behind a keying under way on another thread.

use std::ffi::{CStr, c_char, c_int, c_void};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rusqlite::Connection;

use crate::{Error, Result};

mod callbacks;

use callbacks::{KEY_LEN, RUSTCRYPTO};

/// What `PRAGMA cipher_provider` answers on a connection keyed through this provider. A static, not
/// a const: its one address is how [`register`] knows the registered provider for ours.
static PROVIDER_NAME: &CStr = c"rustcrypto";

type Context = *mut c_void;
type HmacFn = unsafe extern "C" fn(Context, c_int, *mut u8, c_int, *mut u8, c_int, *mut u8, c_int, *mut u8) -> c_int;
type KdfFn = unsafe extern "C" fn(Context, c_int, *const u8, c_int, *mut u8, c_int, c_int, c_int, *mut u8) -> c_int;
type CipherFn = unsafe extern "C" fn(Context, c_int, *mut u8, c_int, *mut u8, *mut u8, c_int, *mut u8) -> c_int;

/// SQLCipher 4.6.1's `sqlcipher_provider` (sqlcipher/crypto.h): seventeen function pointers, in
/// this order. The version this layout is for is pinned by a test (`PRAGMA cipher_version`).
#[repr(C)]
struct Provider {
    activate: unsafe extern "C" fn(Context) -> c_int,
    deactivate: unsafe extern "C" fn(Context) -> c_int,
    get_provider_name: unsafe extern "C" fn(Context) -> *const c_char,
    add_random: unsafe extern "C" fn(Context, *mut c_void, c_int) -> c_int,
    random: unsafe extern "C" fn(Context, *mut c_void, c_int) -> c_int,
    hmac: HmacFn,
    kdf: KdfFn,
    cipher: CipherFn,
    get_cipher: unsafe extern "C" fn(Context) -> *const c_char,
    get_key_sz: unsafe extern "C" fn(Context) -> c_int,
    get_iv_sz: unsafe extern "C" fn(Context) -> c_int,
    get_block_sz: unsafe extern "C" fn(Context) -> c_int,
    get_hmac_sz: unsafe extern "C" fn(Context, c_int) -> c_int,
    ctx_init: unsafe extern "C" fn(*mut Context) -> c_int,
    ctx_free: unsafe extern "C" fn(*mut Context) -> c_int,
    fips_status: unsafe extern "C" fn(Context) -> c_int,
    get_provider_version: unsafe extern "C" fn(Context) -> *const c_char,
}

// The bundled SQLCipher (libsqlite3-sys's `bundled-sqlcipher`) exports these; rusqlite links it.
unsafe extern "C" {
    fn sqlcipher_register_provider(provider: *mut Provider) -> c_int;
    fn sqlcipher_get_provider() -> *mut Provider;
    fn sqlcipher_malloc(size: u64) -> *mut c_void;
    #[cfg(test)]
    fn sqlcipher_openssl_setup(provider: *mut Provider) -> c_int;
}

/// Held while a connection is keyed; holds the connection keyed for the life of the process.
static KEYING: Mutex<Option<Connection>> = Mutex::new(None);

/// Held while a connection is keyed: ours is then the provider SQLCipher copies into it.
pub(crate) struct Keying {
    _held: MutexGuard<'static, Option<Connection>>,
}

/// Makes ours the registered provider and holds it so until the returned guard is dropped: key a
/// connection (`PRAGMA key`, `ATTACH … KEY`) only while holding it.
pub(crate) fn keying() -> Result<Keying> {
    let mut anchor = KEYING.lock().unwrap_or_else(PoisonError::into_inner);
    register()?;
    if anchor.is_none() {
        let conn = Connection::open_in_memory()?;
        // Any key: nothing is ever written to this connection's database.
        conn.pragma_update(None, "key", format!("x'{}'", "00".repeat(KEY_LEN)))?;
        *anchor = Some(conn);
    }
    Ok(Keying { _held: anchor })
}

/// Registers this provider with SQLCipher unless it is the registered one already.
fn register() -> Result<()> {
    // SAFETY: SQLCipher's registered provider is only replaced under `KEYING`, which the caller
    // holds, or when none is registered; once registered, it is a whole `Provider`.
    let registered = unsafe { sqlcipher_get_provider() };
    // SAFETY: as above; every provider's `get_provider_name` returns a static string.
    if !registered.is_null()
        && unsafe { ((*registered).get_provider_name)(std::ptr::null_mut()) } == PROVIDER_NAME.as_ptr()
    {
        return Ok(());
    }
    // SAFETY: `register_filled` hands over a checked allocation sized for a `Provider`.
    register_filled(|provider| unsafe { provider.write(RUSTCRYPTO) })
}

/// Allocates a provider the way SQLCipher frees its registered one (`sqlcipher_malloc`, freed with
/// `sqlcipher_free`), has `fill` write it whole, and registers it. Only under [`keying`]'s lock.
fn register_filled(fill: impl FnOnce(*mut Provider)) -> Result<()> {
    // SAFETY: the allocation is checked, sized for a `Provider`, and written whole by `fill` before
    // SQLCipher is handed it.
    unsafe {
        let provider = sqlcipher_malloc(std::mem::size_of::<Provider>() as u64).cast::<Provider>();
        if provider.is_null() {
            return Err(Error::Crypto("SQLCipher could not allocate its crypto provider"));
        }
        fill(provider);
        sqlcipher_register_provider(provider);
    }
    Ok(())
}

/// Keys `conn` with SQLCipher's OpenSSL provider instead of ours, as a journal would be opened by
/// SQLCipher built as it comes: for the tests that check a journal written through one provider
/// opens through the other.
#[cfg(test)]
pub(crate) fn key_with_openssl(conn: &Connection, key: &super::SqlcipherKey) -> Result<()> {
    let keying = keying()?;
    // SAFETY: OpenSSL's setup writes every function of the provider it is given.
    register_filled(|provider| unsafe {
        sqlcipher_openssl_setup(provider);
    })?;
    let keyed = conn
        .pragma_update(None, "key", key.key.as_str())
        .map_err(Error::from)
        .and_then(|()| super::set_page_hmac(conn, None, key.page_hmac));
    register()?;
    drop(keying);
    keyed
}

/// The name of the provider SQLCipher has registered now ("none" when none is), read under
/// [`keying`]'s lock without registering ours.
#[cfg(test)]
pub(crate) fn registered_provider_name() -> String {
    let _keying = KEYING.lock().unwrap_or_else(PoisonError::into_inner);
    // SAFETY: as in `register`.
    let registered = unsafe { sqlcipher_get_provider() };
    if registered.is_null() {
        return "none".to_owned();
    }
    // SAFETY: as in `register`; the name is a static, NUL-terminated string.
    unsafe { CStr::from_ptr(((*registered).get_provider_name)(std::ptr::null_mut())) }
        .to_string_lossy()
        .into_owned()
}
