#!/usr/bin/env bash
# Usage: scripts/package.sh [x86_64|arm64]
#        scripts/package.sh --check ZIP   (only the Amazon Linux 2023 checks, on any zip)
#
# Builds a release `bootstrap` with the Swift standard library linked statically, bundles the
# shared libraries Amazon Linux 2023 (the `provided.al2023` runtime) lacks, and writes
# dist/bootstrap.zip, the file template.yaml deploys. It then checks every ELF file in the zip
# against AL2023: glibc symbol versions at most 2.34, libstdc++ at most GCC 11's, and every
# needed library either bundled or part of the base image.
#
# Environment:
#   SCRATCH_PATH  SwiftPM build directory (default .build)
#   SWIFT_SDK     for a cross build: id of an installed Swift SDK for the target (swift sdk list)
#   SYSROOT       for a cross build: that SDK's sysroot, where the target's libraries are found
set -euo pipefail
cd "$(dirname "$0")/.."

readonly max_glibc="2.34"     # AL2023 glibc
readonly max_glibcxx="3.4.29" # AL2023 libstdc++ (GCC 11)
readonly max_cxxabi="1.3.13"  # AL2023 libstdc++ (GCC 11)
readonly max_gcc="11"         # AL2023 libgcc_s (GCC 11)

# glibc itself: provided by every Lambda runtime and never bundled.
readonly glibc_libraries=" libc.so.6 libm.so.6 libpthread.so.0 libdl.so.2 librt.so.1 \
libresolv.so.2 libutil.so.1 libanl.so.1 ld-linux-x86-64.so.2 ld-linux-aarch64.so.1 "
# GCC 11's runtime ships in AL2023; the version checks below hold us to what it exports.
# Debian's own libstdc++ needs glibc 2.36, so bundling it would not work anyway.
readonly base_image_libraries=" libstdc++.so.6 libgcc_s.so.1 "

die() {
    echo "package: $*" >&2
    exit 1
}

# Prints the DT_NEEDED entries of ELF file $1.
needed_of() {
    readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# Returns success when version $1 is newer than $2.
version_newer() {
    [[ "$1" != "$2" && "$(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1)" == "$1" ]]
}

# Unpacks zip $1 into directory $2 and fails, listing every offender, when an ELF file in it
# needs a symbol version AL2023 lacks or a library that is neither bundled nor in AL2023.
check_zip() {
    local zip_file="$1" unpacked="$2" file relative symbol version family number limit name
    local problems=() elf_count=0
    unzip -q -o "$zip_file" -d "$unpacked"
    [[ -x "$unpacked/bootstrap" ]] || die "$zip_file has no executable bootstrap at its root"
    while IFS= read -r -d '' file; do
        [[ "$(head -c 4 "$file" | tr -d '\0')" == $'\x7fELF' ]] || continue
        elf_count=$((elf_count + 1))
        relative="${file#"$unpacked"/}"
        # Undefined dynamic symbols look like `UND name@GLIBC_2.35 (7)`.
        while read -r symbol version; do
            family="${version%%_*}"
            number="${version#*_}"
            case "$family" in
                GLIBC) limit="$max_glibc" ;;
                GLIBCXX) limit="$max_glibcxx" ;;
                CXXABI) limit="$max_cxxabi" ;;
                GCC) limit="$max_gcc" ;;
                *) continue ;;
            esac
            if version_newer "$number" "$limit"; then
                problems+=("$relative: $symbol@$version (AL2023 has ${family}_$limit)")
            fi
        done < <(readelf -W --dyn-syms "$file" |
            awk '$7 == "UND" && index($8, "@") { split($8, p, "@"); print p[1], p[2] }')
        for name in $(needed_of "$file"); do
            if [[ "$glibc_libraries$base_image_libraries" != *" $name "* &&
                ! -e "$unpacked/lib/$name" ]]; then
                problems+=("$relative: needs $name, which is neither bundled nor in AL2023")
            fi
        done
    done < <(find "$unpacked" -type f -print0)

    if ((${#problems[@]} > 0)); then
        echo "package: $zip_file would not load on Amazon Linux 2023:" >&2
        printf '  %s\n' "${problems[@]}" >&2
        exit 1
    fi
    echo "  $elf_count ELF files: no GLIBC_ above $max_glibc, no GLIBCXX_ above $max_glibcxx," \
        "every needed library bundled or in the base image"
}

if [[ "${1:-}" == "--check" ]]; then
    [[ -f "${2:-}" ]] || die "usage: scripts/package.sh --check ZIP"
    unpacked="$(mktemp -d)"
    trap 'rm -rf "$unpacked"' EXIT
    check_zip "$2" "$unpacked"
    exit 0
fi

arch="${1:-x86_64}"
case "$arch" in
    x86_64)
        triple="x86_64-unknown-linux-gnu"
        multiarch="x86_64-linux-gnu"
        host_machine="x86_64"
        elf_machine="X86-64"
        ;;
    arm64)
        triple="aarch64-unknown-linux-gnu"
        multiarch="aarch64-linux-gnu"
        host_machine="aarch64"
        elf_machine="AArch64"
        ;;
    *) die "unknown architecture '$arch' (use x86_64 or arm64)" ;;
esac

for tool in swift readelf strip zip unzip; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing; run scripts/setup.sh"
done

scratch="${SCRATCH_PATH:-.build}"
native=true
sysroot=""
build_flags=(-c release --static-swift-stdlib --product bootstrap --scratch-path "$scratch")
if [[ "$(uname -m)" != "$host_machine" ]]; then
    native=false
    if [[ -z "${SWIFT_SDK:-}" || -z "${SYSROOT:-}" ]]; then
        echo "package: cannot build $arch on this $(uname -m) machine." >&2
        echo "package: a cross build needs a Swift SDK for $triple; installed SDKs:" >&2
        swift sdk list 2>&1 | sed 's/^/package:   /' >&2
        echo "package: build on an $arch Linux machine instead, or install such an SDK" >&2
        echo "package: (swift sdk install ...) and rerun with SWIFT_SDK=<id> SYSROOT=<path>." >&2
        exit 1
    fi
    [[ -d "$SYSROOT" ]] || die "SYSROOT $SYSROOT is not a directory"
    sysroot="$SYSROOT"
    build_flags+=(--swift-sdk "$SWIFT_SDK")
fi

# DT_RPATH (not the newer DT_RUNPATH) is searched before LD_LIBRARY_PATH, and Lambda's
# LD_LIBRARY_PATH lists /lib64 and /usr/lib64 before /var/task/lib. Without it AL2023's own
# libcurl would be loaded instead of the bundled one built for this binary.
build_flags+=(-Xlinker --disable-new-dtags -Xlinker -rpath -Xlinker '$ORIGIN/lib')

echo "== build ($arch)"
swift build "${build_flags[@]}"
binary="$(swift build "${build_flags[@]}" --show-bin-path)/bootstrap"
[[ -x "$binary" ]] || die "no bootstrap binary at $binary"
readelf -h "$binary" | grep -q "Machine:.*$elf_machine" || die "$binary is not an $arch binary"

rm -rf dist/package dist/bootstrap.zip
mkdir -p dist/package/lib

strip_tool=strip
if ! $native; then
    strip_tool="$(command -v llvm-strip || command -v "$multiarch-strip" || true)"
    [[ -n "$strip_tool" ]] || die "no strip for $arch (install llvm or binutils-$multiarch)"
fi
"$strip_tool" --strip-all -o dist/package/bootstrap "$binary"
chmod 0755 dist/package/bootstrap

find_library() {
    local name="$1" dir
    for dir in "lib/$multiarch" "usr/lib/$multiarch" lib64 usr/lib64 lib usr/lib; do
        if [[ -e "$sysroot/$dir/$name" ]]; then
            echo "$sysroot/$dir/$name"
            return 0
        fi
    done
    return 1
}

echo "== collect shared libraries"
queue=(dist/package/bootstrap)
declare -A seen=()
while ((${#queue[@]} > 0)); do
    file="${queue[0]}"
    queue=("${queue[@]:1}")
    for name in $(needed_of "$file"); do
        [[ -n "${seen[$name]:-}" ]] && continue
        seen[$name]=1
        if [[ "$glibc_libraries$base_image_libraries" == *" $name "* ]]; then
            continue
        fi
        source_path="$(find_library "$name")" || die "cannot find $name (needed by $file)"
        cp -L "$source_path" "dist/package/lib/$name"
        chmod 0644 "dist/package/lib/$name"
        echo "  $name <- $source_path"
        queue+=("dist/package/lib/$name")
    done
done

echo "== zip"
(cd dist/package && zip -q -r -X -y ../bootstrap.zip bootstrap lib)

echo "== check the zip against Amazon Linux 2023"
unpacked="$(mktemp -d)"
trap 'rm -rf "$unpacked"' EXIT
check_zip dist/bootstrap.zip "$unpacked"

if $native; then
    # Bind every symbol at start-up, so a missing symbol or version fails here, not in Lambda.
    echo "== run the packaged bootstrap --help"
    status=0
    output="$(LD_BIND_NOW=1 LD_LIBRARY_PATH="$unpacked/lib" timeout 20 \
        "$unpacked/bootstrap" --help 2>&1)" || status=$?
    if [[ "$output" == *"error while loading shared libraries"* ||
        "$output" == *"not found (required by"* ]] ||
        ((status == 127)); then
        echo "$output" >&2
        die "the packaged bootstrap does not load"
    fi
    ((status == 0)) || die "bootstrap --help exited with $status: $output"
    echo "  ok: $(head -n 1 <<<"$output")"

    # Lambda's LD_LIBRARY_PATH puts the system directories first; the RPATH must still win.
    echo "== check the bundled libraries win over the system's"
    system_first="/lib64:/usr/lib64:/lib/$multiarch:/usr/lib/$multiarch:$unpacked/lib"
    resolved="$(LD_LIBRARY_PATH="$system_first" ldd "$unpacked/bootstrap")"
    for library in "$unpacked"/lib/*; do
        name="$(basename "$library")"
        grep -q "$name => $library " <<<"$resolved" ||
            die "$name does not resolve to the bundled copy: $(grep "$name" <<<"$resolved")"
    done
    echo "  ok: all $(find "$unpacked/lib" -type f | wc -l) resolve to lib/"
else
    echo "== not running the $arch binary on this $(uname -m) machine"
fi

size="$(stat -c %s dist/bootstrap.zip)"
echo "package: dist/bootstrap.zip for $arch, $size bytes ($((size / 1024 / 1024)) MiB)," \
    "$(find dist/package/lib -type f | wc -l) bundled libraries"
