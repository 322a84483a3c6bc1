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
# Debian's libcurl also links libraries for protocols and features we never use (RTMP, LDAP,
# IDN, the public suffix list, GSS-API); each pulls in more (GnuTLS, Kerberos, libunistring).
# Those are replaced by stubs built here from scripts/package-stubs/: they export exactly the
# symbols and symbol versions libcurl imports and fail every call. On a native build the script
# then proves the stubs are never reached: it runs a copy of the package whose stubs trap
# (dist/stub-trap/, never zipped) against a TLS server on 127.0.0.1, and checks that TLS
# verification still rejects an unknown certificate and accepts a trusted one.
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
# Libraries libcurl reaches only through back ends we never use, and the stub (in
# scripts/package-stubs/, NAME.c and NAME.map) bundled in their place. Each C file says why
# libcurl never calls it for http(s) with the options Sources/HTTP/CurlOptions.swift sets.
declare -A -r stubbed_libraries=(
    [librtmp.so.1]=rtmp
    [libldap-2.5.so.0]=ldap
    [liblber-2.5.so.0]=lber
    [libidn2.so.0]=idn2
    [libpsl.so.5]=psl
    [libgssapi_krb5.so.2]=gssapi
)
readonly stub_sources=scripts/package-stubs

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

# Prints the dynamic symbols ELF file $1 defines, one a line, as `name` or `name@VERSION`.
defined_symbols_of() {
    readelf -W --dyn-syms "$1" |
        awk '$7 ~ /^[0-9]+$/ { sub(/@@/, "@", $8); print $8 }' | sort -u
}

# Prints the undefined dynamic symbols of ELF file $1, as `name` or `name@VERSION`.
undefined_symbols_of() {
    readelf -W --dyn-syms "$1" | awk '$7 == "UND" && $8 != "" { print $8 }' | sort -u
}

# Compiles every stub into directory $1 with the C compiler command in the remaining arguments
# (extra flags included). The stubs use no libc, so they need no sysroot and add no versions.
build_stubs() {
    local out="$1" name source
    shift
    mkdir -p "$out"
    for name in "${!stubbed_libraries[@]}"; do
        source="$stub_sources/${stubbed_libraries[$name]}"
        "$@" -shared -fPIC -O2 -Wall -Wextra -Werror -nostdlib -fvisibility=hidden \
            -Wl,-soname,"$name" -Wl,--version-script,"$source.map" -Wl,-z,noexecstack \
            -Wl,--build-id=none -s -o "$out/$name" "$source.c" ||
            die "cannot build the stub $name from $source.c"
    done
}

# Fails unless stub $2, standing in for library $1 (found in the build host's libraries), defines
# exactly the symbols, with their versions, that the bundled libraries in $3 import from $1.
check_stub_exports() {
    local name="$1" stub="$2" lib_dir="$3" real consumer wanted provided
    real="$(find_library "$name")" || die "cannot find the real $name to check its stub against"
    wanted="$(
        for consumer in "$lib_dir"/*; do
            [[ -n "${stubbed_libraries[$(basename "$consumer")]:-}" ]] && continue
            needed_of "$consumer" | grep -qxF "$name" || continue
            # Keep the imports the real library defines (by name; the version is the importer's).
            undefined_symbols_of "$consumer" |
                awk 'NR == FNR { defined[$1] = 1; next } { split($1, p, "@") } p[1] in defined' \
                    <(defined_symbols_of "$real" | sed 's/@.*//') -
        done | sort -u
    )"
    [[ -n "$wanted" ]] || die "no bundled library imports anything from $name: drop its stub"
    provided="$(defined_symbols_of "$stub")"
    if [[ "$wanted" != "$provided" ]]; then
        echo "package: the stub for $name does not match what is imported from it" \
            "(< imported, > stub exports):" >&2
        diff <(echo "$wanted") <(echo "$provided") | grep '^[<>]' >&2
        exit 1
    fi
    echo "  $name: stub exports the $(wc -l <<<"$wanted") symbols imported from it"
}

# Starts `openssl s_server` on 127.0.0.1 with the certificate in directory $1 for a single
# connection, which gets a canned HTTP 418 once the handshake is done; sets tls_pid, tls_port.
start_tls_server() {
    local dir="$1" tries
    rm -f "$dir/fifo" "$dir/server.log"
    mkfifo "$dir/fifo"
    openssl s_server -accept 127.0.0.1:0 -naccept 1 -cert "$dir/cert.pem" -key "$dir/key.pem" \
        <"$dir/fifo" >"$dir/server.log" 2>&1 &
    tls_pid=$!
    # s_server sends what it reads on standard input to the client, after the handshake.
    exec {tls_fd}>"$dir/fifo"
    printf 'HTTP/1.1 418 Teapot\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' >&"$tls_fd"
    tls_port=""
    for tries in {1..50}; do
        tls_port="$(sed -n 's/^ACCEPT .*:\([0-9]*\)$/\1/p' "$dir/server.log")"
        [[ -n "$tls_port" ]] && return 0
        sleep 0.1
    done
    stop_tls_server
    die "openssl s_server did not start: $(cat "$dir/server.log")"
}

# Stops the server start_tls_server started, if it still runs.
stop_tls_server() {
    [[ -n "$tls_pid" ]] || return 0
    exec {tls_fd}>&-
    kill "$tls_pid" 2>/dev/null || true
    wait "$tls_pid" 2>/dev/null || true
    tls_pid=""
}

# Runs bootstrap $1 once on the test event against a fresh TLS server, with the environment
# in the remaining arguments (NAME=value); prints its output and returns its exit status.
tls_probe() {
    local bootstrap="$1" status=0
    shift
    start_tls_server "$tls_dir"
    env -i PATH="$PATH" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIAPACKAGECHECK0001 \
        AWS_SECRET_ACCESS_KEY=package-check-not-a-key AWS_MAX_ATTEMPTS=1 \
        AWS_ENDPOINT_URL="https://127.0.0.1:$tls_port" "$@" \
        timeout 60 "$bootstrap" --event "$tls_event" 2>&1 || status=$?
    stop_tls_server
    return "$status"
}

# Fails unless bootstrap $1 rejects the unknown certificate and accepts it once trusted; a crash
# or a trapping stub shows as an exit status other than 1 (the invocation's own failure).
check_tls() {
    local bootstrap="$1" output status
    status=0
    output="$(tls_probe "$bootstrap")" || status=$?
    if ((status != 1)) || [[ "$output" != *"SSL certificate problem"* ]]; then
        echo "$output" >&2
        die "$bootstrap exited with $status, not with a certificate error"
    fi
    echo "  untrusted certificate: $(grep -oE 'SSL certificate problem: [^ ]+ [^ ]+' <<<"$output" |
        head -n 1)"
    status=0
    output="$(tls_probe "$bootstrap" SSL_CERT_FILE="$tls_dir/cert.pem")" || status=$?
    if ((status != 1)) || [[ "$output" != *"HTTP 418"* ]]; then
        echo "$output" >&2
        die "$bootstrap exited with $status, and its request did not get through TLS"
    fi
    echo "  trusted certificate: the request got through (the server answered HTTP 418)"
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

rm -rf dist/package dist/stub-trap dist/bootstrap.zip
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

echo "== build the stubs"
if $native; then
    # Any C compiler will do; the Swift toolchain ships clang when there is no system cc.
    stub_cc=("${CC:-$(command -v cc || command -v clang || echo cc)}")
elif command -v "$multiarch-gcc" >/dev/null 2>&1; then
    stub_cc=("$multiarch-gcc")
elif command -v clang >/dev/null 2>&1 && command -v ld.lld >/dev/null 2>&1; then
    stub_cc=(clang --target="$triple" -fuse-ld=lld)
else
    die "no C compiler for $arch stubs (install gcc-$multiarch, or clang and lld)"
fi
command -v "${stub_cc[0]}" >/dev/null 2>&1 || die "${stub_cc[0]} is missing; run scripts/setup.sh"
stub_dir="$(mktemp -d)"
unpacked=""
tls_dir=""
tls_pid=""
cleanup() {
    stop_tls_server
    rm -rf "$stub_dir" "$unpacked" "$tls_dir"
}
trap cleanup EXIT
build_stubs "$stub_dir/stub" "${stub_cc[@]}"
build_stubs "$stub_dir/trap" "${stub_cc[@]}" -DSTUB_TRAP

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
        if [[ -n "${stubbed_libraries[$name]:-}" ]]; then
            source_path="$stub_dir/stub/$name"
            echo "  $name <- stub $stub_sources/${stubbed_libraries[$name]}.c"
        else
            source_path="$(find_library "$name")" || die "cannot find $name (needed by $file)"
            echo "  $name <- $source_path"
        fi
        cp -L "$source_path" "dist/package/lib/$name"
        chmod 0644 "dist/package/lib/$name"
        queue+=("dist/package/lib/$name")
    done
done

echo "== check each stub exports what the bundled libraries import from it"
for name in "${!stubbed_libraries[@]}"; do
    if [[ -e "dist/package/lib/$name" ]]; then
        check_stub_exports "$name" "dist/package/lib/$name" dist/package/lib
    else
        echo "  $name: not needed any more, nothing to stub"
    fi
done

echo "== zip"
(cd dist/package && zip -q -r -X -y ../bootstrap.zip bootstrap lib)

echo "== check the zip against Amazon Linux 2023"
unpacked="$(mktemp -d)"
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

    # The same package, but every stub traps: a run that reaches one dies of SIGILL.
    echo "== dist/stub-trap: the package with trapping stubs (for test runs, never zipped)"
    cp -a "$unpacked" dist/stub-trap
    for name in "${!stubbed_libraries[@]}"; do
        [[ -e "dist/stub-trap/lib/$name" ]] || continue
        cp "$stub_dir/trap/$name" "dist/stub-trap/lib/$name"
        chmod 0644 "dist/stub-trap/lib/$name"
    done
    LD_BIND_NOW=1 timeout 20 dist/stub-trap/bootstrap --help >/dev/null ||
        die "dist/stub-trap/bootstrap --help failed"
    echo "  ok: run it with aws-sandbox run --bootstrap dist/stub-trap/bootstrap"

    echo "== check TLS verification with the bundled libraries (openssl s_server on 127.0.0.1)"
    command -v openssl >/dev/null 2>&1 || die "openssl is missing; run scripts/setup.sh"
    tls_event=Tests/EnrichmentTests/Fixtures/events/event-securityhub-iamkey-finding-action.json
    [[ -f "$tls_event" ]] || die "the test event $tls_event is missing"
    tls_dir="$(mktemp -d)"
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$tls_dir/key.pem" \
        -out "$tls_dir/cert.pem" 2>/dev/null || die "openssl cannot make a test certificate"
    for bootstrap in "$unpacked/bootstrap" dist/stub-trap/bootstrap; do
        echo "  $bootstrap:"
        check_tls "$bootstrap"
    done
else
    echo "== not running the $arch binary on this $(uname -m) machine"
fi

size="$(stat -c %s dist/bootstrap.zip)"
echo "package: dist/bootstrap.zip for $arch, $size bytes ($((size / 1024 / 1024)) MiB)," \
    "$(find dist/package/lib -type f | wc -l) bundled libraries"
