//! The functions SQLCipher calls through our provider: AES-256-CBC, HMAC and PBKDF2 over RustCrypto,
//! the OS's random source, and the sizes and names SQLCipher asks for. None panics into C.

use std::ffi::{CStr, c_char, c_int, c_void};

use aes::Aes256;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyInit, KeyIvInit};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};

use super::{Context, PROVIDER_NAME, Provider};

const PROVIDER_VERSION: &CStr = c"RustCrypto aes 0.8, cbc 0.1, hmac 0.12, sha1 0.10, sha2 0.10, pbkdf2 0.12";
/// OpenSSL's short name of the cipher, which SQLCipher's OpenSSL provider reports.
const CIPHER_NAME: &CStr = c"AES-256-CBC";

const SQLITE_OK: c_int = 0;
const SQLITE_ERROR: c_int = 1;
/// SQLCipher's `mode` argument of `cipher`: 1 encrypts, 0 decrypts.
const ENCRYPT: c_int = 1;
/// SQLCipher's numbers for the HMAC (and PBKDF2-HMAC) digests.
const HMAC_SHA1: c_int = 0;
const HMAC_SHA256: c_int = 1;
const HMAC_SHA512: c_int = 2;
pub(super) const KEY_LEN: usize = 32;
const IV_LEN: usize = 16;
const BLOCK_LEN: usize = 16;

/// This provider's functions.
pub(super) const RUSTCRYPTO: Provider = Provider {
    activate: nothing_to_do,
    deactivate: nothing_to_do,
    get_provider_name,
    add_random,
    random,
    hmac,
    kdf,
    cipher,
    get_cipher,
    get_key_sz,
    get_iv_sz,
    get_block_sz,
    get_hmac_sz,
    ctx_init: no_context,
    ctx_free: no_context,
    fips_status,
    get_provider_version,
};

/// SQLITE_OK when `work` succeeds; SQLITE_ERROR when it fails or panics (no panic crosses into C).
fn status(work: impl FnOnce() -> bool) -> c_int {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(true) => SQLITE_OK,
        _ => SQLITE_ERROR,
    }
}

/// The `len` bytes at `data`; `None` for a null pointer or a negative length.
///
/// # Safety
/// A non-null `data` must point to `len` readable bytes that stay unchanged while the slice lives.
unsafe fn input<'a>(data: *const u8, len: c_int) -> Option<&'a [u8]> {
    let len = usize::try_from(len).ok()?;
    // SAFETY: the caller's promise.
    (!data.is_null()).then(|| unsafe { std::slice::from_raw_parts(data, len) })
}

extern "C" fn nothing_to_do(_: Context) -> c_int {
    SQLITE_OK
}

/// No state per connection: every call has all it needs in its arguments.
extern "C" fn no_context(_: *mut Context) -> c_int {
    SQLITE_OK
}

extern "C" fn get_provider_name(_: Context) -> *const c_char {
    PROVIDER_NAME.as_ptr()
}

extern "C" fn get_provider_version(_: Context) -> *const c_char {
    PROVIDER_VERSION.as_ptr()
}

extern "C" fn get_cipher(_: Context) -> *const c_char {
    CIPHER_NAME.as_ptr()
}

extern "C" fn get_key_sz(_: Context) -> c_int {
    KEY_LEN as c_int
}

extern "C" fn get_iv_sz(_: Context) -> c_int {
    IV_LEN as c_int
}

extern "C" fn get_block_sz(_: Context) -> c_int {
    BLOCK_LEN as c_int
}

extern "C" fn get_hmac_sz(_: Context, algorithm: c_int) -> c_int {
    match algorithm {
        HMAC_SHA1 => 20,
        HMAC_SHA256 => 32,
        HMAC_SHA512 => 64,
        _ => 0,
    }
}

extern "C" fn fips_status(_: Context) -> c_int {
    0
}

/// Entropy SQLCipher offers (`PRAGMA cipher_add_random`): the operating system's source, which
/// [`random`] reads, needs none, so it is accepted and not used.
extern "C" fn add_random(_: Context, _: *mut c_void, _: c_int) -> c_int {
    SQLITE_OK
}

/// Fills `buffer` from the operating system's secure random source (each page's IV and the
/// random bytes of its reserved space, and a new file's salt).
unsafe extern "C" fn random(_: Context, buffer: *mut c_void, length: c_int) -> c_int {
    status(|| {
        let Ok(length) = usize::try_from(length) else {
            return false;
        };
        if buffer.is_null() {
            return false;
        }
        // SAFETY: SQLCipher passes a buffer of `length` writable bytes.
        let buffer = unsafe { std::slice::from_raw_parts_mut(buffer.cast::<u8>(), length) };
        getrandom::fill(buffer).is_ok()
    })
}

/// HMAC of `data` then `more` (the page, then its number) under `key`, into `out`, which has room
/// for the digest's size (`get_hmac_sz`).
#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn hmac(
    _: Context,
    algorithm: c_int,
    key: *mut u8,
    key_len: c_int,
    data: *mut u8,
    data_len: c_int,
    more: *mut u8,
    more_len: c_int,
    out: *mut u8,
) -> c_int {
    status(|| {
        // SAFETY: SQLCipher passes its HMAC key, the page and the page number with their lengths.
        let (Some(key), Some(data)) = (unsafe { input(key, key_len) }, unsafe { input(data, data_len) }) else {
            return false;
        };
        // SAFETY: as above; `more` may be null, for nothing more.
        let more = if more.is_null() {
            &[][..]
        } else {
            match unsafe { input(more, more_len) } {
                Some(more) => more,
                None => return false,
            }
        };
        match algorithm {
            HMAC_SHA1 => authenticate::<Hmac<Sha1>>(key, data, more, out),
            HMAC_SHA256 => authenticate::<Hmac<Sha256>>(key, data, more, out),
            HMAC_SHA512 => authenticate::<Hmac<Sha512>>(key, data, more, out),
            _ => false,
        }
    })
}

/// Writes `M`'s tag of `data` and `more` under `key` to `out`.
fn authenticate<M: Mac + KeyInit>(key: &[u8], data: &[u8], more: &[u8], out: *mut u8) -> bool {
    if out.is_null() {
        return false;
    }
    let Ok(mut mac) = <M as KeyInit>::new_from_slice(key) else {
        return false;
    };
    Mac::update(&mut mac, data);
    Mac::update(&mut mac, more);
    let tag = mac.finalize().into_bytes();
    // SAFETY: `out` has room for the digest's size (SQLCipher sized it with `get_hmac_sz`).
    unsafe { std::ptr::copy_nonoverlapping(tag.as_ptr(), out, tag.len()) };
    true
}

/// PBKDF2-HMAC of `password` and `salt` with `iterations`, `key_len` bytes into `key`.
#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn kdf(
    _: Context,
    algorithm: c_int,
    password: *const u8,
    password_len: c_int,
    salt: *mut u8,
    salt_len: c_int,
    iterations: c_int,
    key_len: c_int,
    key: *mut u8,
) -> c_int {
    status(|| {
        // SAFETY: SQLCipher passes the password and the salt with their lengths.
        let (Some(password), Some(salt)) = (unsafe { input(password, password_len) }, unsafe {
            input(salt, salt_len)
        }) else {
            return false;
        };
        let (Ok(iterations @ 1..), Ok(key_len)) = (u32::try_from(iterations), usize::try_from(key_len)) else {
            return false;
        };
        if key.is_null() {
            return false;
        }
        // SAFETY: SQLCipher passes a buffer of `key_len` writable bytes for the key.
        let key = unsafe { std::slice::from_raw_parts_mut(key, key_len) };
        match algorithm {
            HMAC_SHA1 => pbkdf2::pbkdf2_hmac::<Sha1>(password, salt, iterations, key),
            HMAC_SHA256 => pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, iterations, key),
            HMAC_SHA512 => pbkdf2::pbkdf2_hmac::<Sha512>(password, salt, iterations, key),
            _ => return false,
        }
        true
    })
}

/// AES-256-CBC with no padding over `len` bytes (a whole number of blocks) from `data` to `out`:
/// `mode` 1 encrypts, 0 decrypts.
#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn cipher(
    _: Context,
    mode: c_int,
    key: *mut u8,
    key_len: c_int,
    iv: *mut u8,
    data: *mut u8,
    len: c_int,
    out: *mut u8,
) -> c_int {
    status(|| {
        let Ok(len) = usize::try_from(len) else {
            return false;
        };
        if key_len != KEY_LEN as c_int || len % BLOCK_LEN != 0 || [key, iv, data, out].iter().any(|p| p.is_null()) {
            return false;
        }
        // SAFETY: SQLCipher passes a 32-byte key, a 16-byte IV (in the page's reserved space, after
        // the `len` bytes of `out`), and `data` and `out` of `len` bytes each. `out` is written in
        // place, after `data` is copied into it with a copy that allows the two to overlap.
        let (key, iv, page) = unsafe {
            std::ptr::copy(data, out, len);
            (
                std::slice::from_raw_parts(key, KEY_LEN),
                std::slice::from_raw_parts(iv, IV_LEN),
                std::slice::from_raw_parts_mut(out, len),
            )
        };
        if mode == ENCRYPT {
            cbc::Encryptor::<Aes256>::new_from_slices(key, iv)
                .is_ok_and(|encryptor| encryptor.encrypt_padded_mut::<NoPadding>(page, len).is_ok())
        } else {
            cbc::Decryptor::<Aes256>::new_from_slices(key, iv)
                .is_ok_and(|decryptor| decryptor.decrypt_padded_mut::<NoPadding>(page).is_ok())
        }
    })
}
