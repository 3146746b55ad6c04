//! Files that hold user data (the audit log, the logs, exports) are their owner's only: on Unix
//! they are created with mode 0600, in directories created with mode 0700, and one that already
//! existed readable by others loses those bits when cognitui opens it. Elsewhere the platform's
//! defaults apply.

use std::fs::{File, OpenOptions, Permissions};
use std::io;
use std::path::Path;

/// The mode of a file cognitui writes user data to: read and write for its owner only.
#[cfg(unix)]
pub const FILE_MODE: u32 = 0o600;

/// The mode of a directory cognitui creates for such files.
#[cfg(unix)]
pub const DIR_MODE: u32 = 0o700;

/// Opens `path` with `options`: a file created is its owner's only, and an existing one readable
/// or writable by others is made its owner's only when this user may change its mode (a file
/// owned by someone else keeps its mode, and the failure is logged).
///
/// # Errors
/// When the file cannot be opened.
pub fn open(options: &mut OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(options, FILE_MODE);
    let file = options.open(path)?;
    if let Some(permissions) = owner_only(file.metadata()?.permissions())
        && let Err(e) = file.set_permissions(permissions)
    {
        tracing::warn!(path = %path.display(), error = %e, "cannot make the file its owner's only");
    }
    Ok(file)
}

/// Makes the file or directory at `path` its owner's only, if it is not already.
///
/// # Errors
/// When it cannot be read or its mode cannot be changed.
pub fn restrict(path: &Path) -> io::Result<()> {
    match owner_only(std::fs::metadata(path)?.permissions()) {
        Some(permissions) => std::fs::set_permissions(path, permissions),
        None => Ok(()),
    }
}

/// Creates `dir` and its missing parents, each created one its owner's only. Directories that
/// already exist keep their mode.
///
/// # Errors
/// When a directory cannot be created.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// `permissions` without the group's and others' bits, when it has any.
#[cfg(unix)]
fn owner_only(mut permissions: Permissions) -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mode = permissions.mode();
    let owners = mode & !0o077;
    if owners == mode {
        return None;
    }
    permissions.set_mode(owners);
    Some(permissions)
}

/// Files and directories keep the platform's defaults.
#[cfg(not(unix))]
fn owner_only(_: Permissions) -> Option<Permissions> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn created_files_and_directories_are_the_owners_only() {
        let dir = tempfile::tempdir().expect("dir");
        let nested = dir.path().join("a").join("b");
        create_dir_all(&nested).expect("created");
        assert_eq!(mode(&dir.path().join("a")), DIR_MODE);
        assert_eq!(mode(&nested), DIR_MODE);
        let path = nested.join("data");
        open(OpenOptions::new().create_new(true).write(true), &path).expect("opened");
        assert_eq!(mode(&path), FILE_MODE);
    }

    #[test]
    fn an_existing_file_loses_the_groups_and_others_permissions() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("data");
        std::fs::write(&path, "x").expect("written");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).expect("mode");
        open(OpenOptions::new().append(true), &path).expect("opened");
        assert_eq!(mode(&path), FILE_MODE);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("mode");
        restrict(&path).expect("restricted");
        assert_eq!(mode(&path), FILE_MODE);
    }
}

/// The permission bits of `path`, for tests that check a file is its owner's only.
#[cfg(all(test, unix))]
pub(crate) fn mode_of(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}
