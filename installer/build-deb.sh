#!/usr/bin/env bash
# Builds target/installer/garrison_<version>-1_amd64.deb from the app image (built first if missing).
# Installs to /opt/garrison, with /usr/bin/garrison, a menu entry that opens task lists (garrison %F), the MIME type
# of task lists (text/x-garrison-tasks, *.tasks), AppStream metadata, the icon in the hicolor theme (16 to 512 px and
# scalable), bash completion and man pages (garrison(1), garrison-run(1), ...), all of them files the package owns,
# so `dpkg -r garrison` removes every one. installer/check-deb.sh installs it, probes it and removes it again (root
# only).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$GARRISON_ROOT"

[[ -x "$GARRISON_IMAGE/bin/garrison" ]] || "$GARRISON_ROOT/installer/build-app-image.sh"
find_jdk
# jpackage shells out to both and fails with a vague message when they are missing.
ensure_command fakeroot fakeroot || die "needs fakeroot"
ensure_command dpkg-deb dpkg || die "needs dpkg-deb"
# The build leaves the man pages as AsciiDoc (pom.xml, picocli's ManPageGenerator); asciidoctor makes troff.
ensure_command asciidoctor asciidoctor || die "needs asciidoctor for the man pages"
[[ -f "$GARRISON_ROOT/target/completion/garrison" && -f "$GARRISON_ROOT/target/man/garrison-run.adoc" ]] \
    || die "target/completion or target/man is missing: run mvn package"
started=$SECONDS

version="$(app_version)"
dest="$GARRISON_ROOT/target/installer"
work="$GARRISON_ROOT/target/deb"
rm -rf "$work" "$dest"/garrison_*.deb
mkdir -p "$dest" "$work"

# Step 1: jpackage lays the package out: /opt/garrison, the control file, and the Depends it computes from the
# native libraries in the runtime. It cannot see inside the JavaFX jars, whose glass/prism libraries need
# GTK 3 (the window) and libGL (hardware rendering; without it JavaFX falls back to software), so those are
# declared by hand (Ubuntu's t64 renames provide these names). Uncompressed: this .deb is only a draft.
DPKG_DEB_COMPRESSOR_TYPE=none "$JDK_HOME/bin/jpackage" \
    --type deb \
    --app-image "$GARRISON_IMAGE" \
    --name garrison \
    --app-version "$version" \
    --vendor "Garrison" \
    --description "A real pool of worker processes, and a window to watch them work." \
    --linux-package-name garrison \
    --linux-deb-maintainer garrison@example.org \
    --linux-app-category devel \
    --linux-package-deps "libgtk-3-0, libgl1" \
    --file-associations "$GARRISON_ROOT/installer/file-associations.properties" \
    --install-dir /opt \
    --dest "$work"

# Step 2: finish it as a Debian package with no maintainer scripts but a postinst of its own. jpackage's scripts
# are the problem: its postinst runs `xdg-desktop-menu install` (and, for the file association, `xdg-mime`),
# which exits 3 ("No writable system menu directory found") on a machine without /etc/xdg/menus and leaves the
# package half-configured, its prerm then fails the same way so the package cannot be removed, and its (empty)
# postrm alone keeps a removed package in dpkg's "config-files" state. Files the package owns need no scripts: dpkg
# removes them, and the desktop, MIME and icon caches are refreshed by the triggers of the packages that own those
# caches (desktop-file-utils, shared-mime-info, the icon themes). The postinst only runs the same two updates at
# once where their programs are, so the type is known even to a desktop whose triggers are deferred; it cannot fail.
tree="$work/tree"
dpkg-deb --raw-extract "$work"/garrison_*.deb "$tree"
rm -f "$tree"/DEBIAN/{preinst,postinst,prerm,postrm}
install -m 755 "$GARRISON_ROOT/installer/linux/postinst" "$tree/DEBIAN/postinst"
mkdir -p "$tree/usr/bin" "$tree/usr/share/applications"
ln -s /opt/garrison/bin/garrison "$tree/usr/bin/garrison"
install -m 644 "$GARRISON_ROOT/installer/linux/garrison.desktop" "$tree/usr/share/applications/garrison.desktop"
install -D -m 644 "$GARRISON_ROOT/installer/linux/garrison-tasks.xml" "$tree/usr/share/mime/packages/garrison.xml"
install -D -m 644 "$GARRISON_ROOT/installer/linux/io.garrison.Garrison.metainfo.xml" \
    "$tree/usr/share/metainfo/io.garrison.Garrison.metainfo.xml"
for size in 16 32 48 64 128 256 512; do
    install -D -m 644 "$GARRISON_ROOT/resources/icons/garrison-$size.png" \
        "$tree/usr/share/icons/hicolor/${size}x${size}/apps/garrison.png"
done
# The drawing itself, for any size a desktop asks (HiDPI docks, software centres).
install -D -m 644 "$GARRISON_ROOT/resources/icons/garrison.svg" "$tree/usr/share/icons/hicolor/scalable/apps/garrison.svg"
# bash-completion loads a command's script by the command's name when it is first completed; zsh users source
# the same script after bashcompinit (docs/README-installer.md). Man pages compressed as Debian policy asks.
install -D -m 644 "$GARRISON_ROOT/target/completion/garrison" "$tree/usr/share/bash-completion/completions/garrison"
mkdir -p "$tree/usr/share/man/man1"
asciidoctor --backend=manpage --failure-level=WARN --destination-dir="$tree/usr/share/man/man1" \
    "$GARRISON_ROOT"/target/man/*.adoc
gzip -9n "$tree"/usr/share/man/man1/*.1
# The app speaks Simplified Chinese: without a CJK font JavaFX draws its words as empty boxes (seen on a
# Debian machine with no such font), so the package recommends one; apt installs it by default.
sed -i '/^Depends:/a Recommends: fonts-noto-cjk | fonts-wqy-zenhei | fonts-wqy-microhei' "$tree/DEBIAN/control"
# The control file must match the tree: the size grew by the icons, the completion and the man pages.
sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
# Root-owned files in the archive whoever builds it; xz like any Debian package.
fakeroot -- dpkg-deb -Zxz --build "$tree" "$dest" >/dev/null
rm -rf "$work"

deb="$(ls "$dest"/garrison_*.deb)"
say "built $deb ($(du -h "$deb" | cut -f1)) in $((SECONDS - started)) s"
