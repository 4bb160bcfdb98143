#!/usr/bin/env bash
# Builds ShopTwin's installers with jpackage (JDK 17+):
#   target/dist/ShopTwin/                      app image; launcher target/dist/ShopTwin/bin/ShopTwin
#   target/dist/shoptwin_<version>-1_amd64.deb Debian/Ubuntu package, installs to /opt/shoptwin, plus the
#                                              mirror service (shoptwin-mirror.service, /etc/shoptwin/mirror.env)
#
# Usage: bash packaging/build.sh [--app-image-only] [--rebuild]
#   --app-image-only  skip the .deb (no fakeroot/dpkg-deb needed)
#   --rebuild         always run Maven first
# Without --rebuild, Maven runs only when target/shoptwin.jar is missing or older than pom.xml or
# anything under src/main or assets/icon: a fresh jar is reused (e.g. right after `mvn -B verify`), a stale one
# is never packaged. Runs from any directory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APP_IMAGE_ONLY=false
REBUILD=false
for arg in "$@"; do
  case "$arg" in
    --app-image-only) APP_IMAGE_ONLY=true ;;
    --rebuild) REBUILD=true ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

NAME=ShopTwin
PACKAGE=shoptwin
VENDOR="ShopTwin"
DESCRIPTION="Admin console for a shop on Supabase, with a live, exact MongoDB copy"
MAINTAINER_EMAIL="maintainers@shoptwin.app"  # jpackage writes "Maintainer: <vendor> <email>"
JAR=target/shoptwin.jar
DIST=target/dist
WORK=target/jpackage

fail() { echo "build.sh: $*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jpackage" ]]; then JDK_BIN="$JAVA_HOME/bin/"; else JDK_BIN=""; fi
command -v "${JDK_BIN}jpackage" >/dev/null || fail "jpackage not found: install a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk) or set JAVA_HOME"
if ! $APP_IMAGE_ONLY; then
  missing=()
  command -v fakeroot >/dev/null || missing+=(fakeroot)
  command -v dpkg-deb >/dev/null || missing+=(dpkg-dev)
  if ((${#missing[@]})); then
    fail "the .deb needs ${missing[*]}: install with 'sudo apt-get install -y ${missing[*]}' (or run with --app-image-only)"
  fi
fi

# --- the jar -----------------------------------------------------------------------------------
if $REBUILD || [[ ! -f $JAR ]] || [[ -n "$(find pom.xml src/main assets/icon -newer "$JAR" -print -quit)" ]]; then
  command -v mvn >/dev/null || fail "$JAR is missing or stale and mvn is not installed"
  echo "==> mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi
[[ -f $JAR ]] || fail "$JAR was not built"

# The one version lives in pom.xml: the first <version> after <artifactId>shoptwin</artifactId>
# (the parent-less project's own version, not a dependency's).
VERSION="$(sed -n '/<artifactId>shoptwin<\/artifactId>/,/<version>/{s:.*<version>\([^<]*\)</version>.*:\1:p}' pom.xml | head -1)"
[[ -n $VERSION ]] || fail "could not read the version from pom.xml"
JAR_VERSION="$(unzip -p "$JAR" shoptwin/version.properties 2>/dev/null | sed -n 's/^version=//p' || true)"
if [[ -n $JAR_VERSION && $JAR_VERSION != "$VERSION" ]]; then
  fail "$JAR says version $JAR_VERSION but pom.xml says $VERSION: run with --rebuild"
fi
echo "==> ShopTwin $VERSION"

# --- the runtime's modules ---------------------------------------------------------------------
# jdeps finds what the code links against; it cannot see modules used only as service providers
# (TLS curves for Supabase, DNS for mongodb+srv://, locales, charsets, zip file systems), so
# those are named here. If jdeps fails we fall back to jpackage's default (every module, ~30 MB more).
SERVICE_MODULES="jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.localedata,jdk.naming.dns,jdk.zipfs,jdk.security.auth,jdk.management,java.net.http,java.prefs,java.security.sasl,java.security.jgss,jdk.unsupported"
MODULE_ARGS=()
if LINKED="$("${JDK_BIN}jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$JAR" 2>/dev/null | tail -1)" && [[ -n $LINKED ]]; then
  MODULE_ARGS=(--add-modules "$LINKED,$SERVICE_MODULES")
else
  echo "build.sh: warning: jdeps failed, bundling the whole JDK runtime" >&2
fi

# --- staging: jpackage copies everything in --input into the image, so it holds only the jar ---
rm -rf "$WORK" "$DIST/$NAME"
mkdir -p "$WORK/input" "$WORK/resources" "$DIST"
cp "$JAR" "$WORK/input/shoptwin.jar"
# jpackage picks a custom desktop entry from the resource dir when it is named after the app.
cp assets/shoptwin.desktop "$WORK/resources/$NAME.desktop"
cp assets/icon/shoptwin-256.png "$WORK/resources/$NAME.png"
# Maintainer scripts that do not fail the install where xdg-utils finds no menu directory, and that
# create the mirror service's system user.
cp packaging/linux/postinst packaging/linux/prerm packaging/linux/postrm "$WORK/resources/"

COMMON=(--name "$NAME" --app-version "$VERSION" --vendor "$VENDOR" --description "$DESCRIPTION"
        --copyright "Copyright ShopTwin")

# --- (a) app image -----------------------------------------------------------------------------
echo "==> app image: $DIST/$NAME"
"${JDK_BIN}jpackage" --type app-image --dest "$DIST" "${COMMON[@]}" \
  --input "$WORK/input" --main-jar shoptwin.jar --main-class shoptwin.Main \
  --icon assets/icon/shoptwin-256.png \
  --java-options '-Xmx512m' \
  "${MODULE_ARGS[@]}"

# --- (b) .deb, made from the app image so that both hold the same bits ---------------------------
DEB=""
if ! $APP_IMAGE_ONLY; then
  echo "==> .deb"
  rm -f "$DIST/${PACKAGE}_${VERSION}"*.deb
  "${JDK_BIN}jpackage" --type deb --dest "$DIST" "${COMMON[@]}" \
    --app-image "$DIST/$NAME" \
    --resource-dir "$WORK/resources" \
    --install-dir /opt \
    --linux-package-name "$PACKAGE" \
    --linux-app-release 1 \
    --linux-package-deps "libgtk-3-0, adduser" \
    --linux-deb-maintainer "$MAINTAINER_EMAIL" \
    --linux-menu-group Office \
    --linux-app-category office \
    --linux-shortcut
  DEB="$(ls "$DIST/${PACKAGE}_${VERSION}"*.deb)"

  # jpackage installs only under /opt: the mirror service's unit and its env file are added here.
  # The env file is a conffile (kept on upgrade and removal) and root-only: it holds passwords.
  echo "==> .deb: adding shoptwin-mirror.service and /etc/shoptwin/mirror.env"
  TREE="$WORK/deb-tree"
  rm -rf "$TREE"
  dpkg-deb -R "$DEB" "$TREE"
  install -D -m 0644 packaging/linux/shoptwin-mirror.service "$TREE/usr/lib/systemd/system/shoptwin-mirror.service"
  install -d -m 0755 "$TREE/etc/shoptwin"
  install -m 0600 packaging/linux/mirror.env "$TREE/etc/shoptwin/mirror.env"
  echo /etc/shoptwin/mirror.env >> "$TREE/DEBIAN/conffiles"
  # md5sums (for dpkg --verify, debsums) lists every shipped file but the conffiles: dpkg keeps their sums itself
  (cd "$TREE" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    > "$TREE/DEBIAN/md5sums"
  KB="$(du -sk --exclude=DEBIAN "$TREE" | cut -f1)"
  sed -i "s/^Installed-Size: .*/Installed-Size: $KB/" "$TREE/DEBIAN/control"
  dpkg-deb --root-owner-group -b "$TREE" "$DEB" >/dev/null
  rm -rf "$TREE"
fi

echo
echo "Built ShopTwin $VERSION:"
echo "  app image  $(du -sh "$DIST/$NAME" | cut -f1)  $DIST/$NAME  (launcher $DIST/$NAME/bin/$NAME)"
[[ -n $DEB ]] && echo "  .deb       $(du -h "$DEB" | cut -f1)  $DEB"
exit 0
