# shellcheck shell=bash
# Sourced by bin/huddle when HUDDLE_URL names a server: the thin client (docs/decisions.md, "The
# launcher's thin client"). A command through a server on this machine needs no JVM in the
# client: the launcher hands the command line, its working directory and the few environment
# variables the CLI reads to the server (POST /api/v1/run), which runs the CLI itself on its store
# and answers what it printed and its exit code. Shell builtins only on the way (bash's /dev/tcp),
# plus `cat` for the answer's body.
#
#   huddle_thin CMD ARGS...  runs the line ARGS (whose command word is CMD) in the server and exits
#                        with its code; returns when the line is not for the thin client or the
#                        server did not run it (nothing ran then), with _huddle_thin_why saying
#                        why, and the JVM client goes on; standard input it read is then in
#                        _huddle_stdin (_huddle_stdin_read=1), for the JVM client
#
# Only loopback http URLs: a server elsewhere does not see this machine's files, which the CLI
# reads for paths and settings. The server is HUDDLE_URL's, or a hook's --url. A line that reads
# standard input (a hook's payload, a "-" argument) sends it after the line. A connection lost
# after the line was sent is reported as the JVM client reports it, never retried: the line may
# have run.

# Environment variables the CLI reads that the server's run of the line must see as this process does.
_HUDDLE_THIN_ENV=(HUDDLE_AGENT HUDDLE_DB HUDDLE_DEBUG HUDDLE_URL HOME CLAUDE_CODE_SESSION_ID GEMINI_SESSION_ID CODEX_SESSION_ID)

# _huddle_json_string TEXT: sets _huddle_json to TEXT as a JSON string; returns 1 for a control
# character other than tab, newline and carriage return (the JVM client then takes the line).
_huddle_json_string() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\t'/\\t}
    s=${s//$'\r'/\\r}
    [[ $s =~ [[:cntrl:]] ]] && return 1
    _huddle_json="\"$s\""
}

# _huddle_bytes TEXT: sets _huddle_length to TEXT's length in bytes (not characters: Content-Length).
_huddle_bytes() {
    local LC_ALL=C
    _huddle_length=${#1}
}

# _huddle_state_dir ARGS...: sets _huddle_dir to the directory that holds the store's server.json,
# found as boot/StoreLocation finds it: --db or HUDDLE_DB naming a file, else the git common
# directory's huddle/ above the working directory (a linked worktree's .git file leads to it),
# else the nearest .huddle/, else ./.huddle. (A PostgreSQL store keeps it where the file would be.)
_huddle_state_dir() {
    local db=${HUDDLE_DB:-} a take= dir line common
    for a in "$@"; do
        if [[ -n $take ]]; then
            db=$a
            break
        fi
        case $a in
            --) break ;;
            --db) take=1 ;;
            --db=*) db=${a#--db=} && break ;;
        esac
    done
    if [[ -n ${db//[[:space:]]/} && $db != postgresql:* && $db != postgres:* && $db != jdbc:postgresql:* ]]; then
        [[ $db == /* ]] || db=$PWD/$db
        _huddle_dir=${db%/*}
        return 0
    fi
    dir=$PWD
    while :; do
        if [[ -e $dir/.git ]]; then
            if [[ -d $dir/.git ]]; then
                _huddle_dir=$dir/.git/huddle
                return 0
            fi
            IFS= read -r line <"$dir/.git" || [[ -n $line ]] || return 1
            [[ $line == gitdir:* ]] || return 1
            line=${line#gitdir:}
            line=${line#"${line%%[![:space:]]*}"}
            line=${line%"${line##*[![:space:]]}"}
            [[ $line == /* ]] || line=$dir/$line
            if [[ -f $line/commondir ]]; then
                IFS= read -r common <"$line/commondir" || [[ -n $common ]] || return 1
                common=${common%"${common##*[![:space:]]}"}
                [[ $common == /* ]] || common=$line/$common
                line=$common
            fi
            _huddle_dir=$line/huddle
            return 0
        fi
        [[ -z $dir ]] && break
        dir=${dir%/*}
    done
    dir=$PWD
    while :; do
        if [[ -d $dir/.huddle ]]; then
            _huddle_dir=$dir/.huddle
            return 0
        fi
        [[ -z $dir ]] && break
        dir=${dir%/*}
    done
    _huddle_dir=$PWD/.huddle
}

# _huddle_discovered HOSTPORT ARGS...: sets _huddle_token to the local credential of the store's
# running server when its server.json is this user's and names the same host and port.
_huddle_discovered() {
    local hostport=$1 file text
    shift
    _huddle_state_dir "$@" || return 1
    file=$_huddle_dir/server.json
    [[ -f $file && ! -L $file && -O $file ]] || return 1
    IFS= read -r -d '' text <"$file"
    [[ $text =~ \"url\"[[:space:]]*:[[:space:]]*\"http://([^/\"]*) ]] || return 1
    [[ ${BASH_REMATCH[1]} == "$hostport" ]] || return 1
    [[ $text =~ \"credential\"[[:space:]]*:[[:space:]]*\"([A-Za-z0-9_-]+)\" ]] || return 1
    _huddle_token=${BASH_REMATCH[1]}
}

# huddle_thin COMMAND ARGS...: COMMAND is the line's command word (bin/huddle found it); the line is ARGS.
huddle_thin() {
    _huddle_thin_why=
    local command=$1
    shift
    local url=${HUDDLE_URL:-} a take= reads=
    for a in "$@"; do
        if [[ -n $take ]]; then
            url=$a
            take=
            continue
        fi
        case $a in
            --) break ;;
            --url) [[ $command == hook ]] && take=1 ;;
            --url=*) [[ $command == hook ]] && url=${a#--url=} ;;
            - | *=-) reads=1 ;;
        esac
    done
    [[ $command == hook ]] && reads=1
    url=${url//[[:space:]]/}
    if [[ ! $url =~ ^http://(127\.0\.0\.1|localhost):([0-9]{1,5})/?$ ]]; then
        _huddle_thin_why="the server's URL is not http://127.0.0.1:PORT or http://localhost:PORT"
        return 0
    fi
    local host=${BASH_REMATCH[1]} port=${BASH_REMATCH[2]}
    if [[ -n $reads ]]; then
        # All of standard input, trailing newlines kept (the x); the JVM client gets it from here
        # when the server does not run the line (_huddle_stdin_read).
        _huddle_stdin=$(cat 2>/dev/null; printf x) 2>/dev/null
        _huddle_stdin=${_huddle_stdin%x}
        _huddle_stdin_read=1
    fi
    # The physical directory, as the JVM's user.dir is (no subshell: cd -P rewrites PWD); the
    # store is looked for above it, not above a symlink's logical parents.
    cd -P . 2>/dev/null || { _huddle_thin_why="cannot read the working directory"; return 0; }
    _huddle_token=${HUDDLE_TOKEN//[[:space:]]/}
    if [[ -z $_huddle_token ]] && ! _huddle_discovered "$host:$port" "$@"; then
        _huddle_thin_why="no HUDDLE_TOKEN, and no server.json of this store's server at $host:$port"
        return 0
    fi

    local body=\{\"argv\":\[ sep= name
    for a in "$@"; do
        _huddle_json_string "$a" || { _huddle_thin_why="an argument holds a control character"; return 0; }
        body+=$sep$_huddle_json
        sep=,
    done
    _huddle_json_string "$PWD" || { _huddle_thin_why="the working directory's name holds a control character"; return 0; }
    body+="],\"cwd\":$_huddle_json,\"env\":{"
    sep=
    for name in "${_HUDDLE_THIN_ENV[@]}"; do
        [[ -n ${!name+set} ]] || continue
        _huddle_json_string "${!name}" || { _huddle_thin_why="$name holds a control character"; return 0; }
        body+="$sep\"$name\":$_huddle_json"
        sep=,
    done
    body+="}}"

    local fd
    if ! { exec {fd}<>"/dev/tcp/$host/$port"; } 2>/dev/null; then
        _huddle_thin_why="cannot connect to $host:$port"
        return 0
    fi
    _huddle_bytes "$body"
    local length=$_huddle_length stdin_header=
    if [[ -n $reads ]]; then
        _huddle_bytes "$_huddle_stdin"
        stdin_header="Huddle-Stdin-Bytes: $_huddle_length"$'\r\n'
        length=$((length + _huddle_length))
    fi
    printf 'POST /api/v1/run HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\nConnection: close\r\n\r\n%s%s' \
        "$host" "$port" "$_huddle_token" "$stdin_header" "$length" "$body" "${_huddle_stdin:-}" >&"$fd" 2>/dev/null || true

    local line status
    if ! IFS= read -r line <&"$fd"; then
        exec {fd}>&-
        if [[ $command == hook ]]; then
            # A hook must answer in its program's protocol, never fail open: the JVM client asks
            # again (a check reads only; an edit recorded twice is harmless) or applies its policy.
            _huddle_thin_why="the connection closed before an answer"
            return 0
        fi
        echo "huddle: cannot reach huddle server at $url (the connection closed before an answer; the command may have run); start it with \`huddle serve\` or unset HUDDLE_URL" >&2
        exit 1
    fi
    status=${line#HTTP/1.? }
    status=${status%% *}
    local exit_code= stdout_bytes=0 content_length=0
    while IFS= read -r line <&"$fd"; do
        line=${line%$'\r'}
        [[ -z $line ]] && break
        case ${line,,} in
            huddle-exit:*) exit_code=${line#*:} && exit_code=${exit_code//[[:space:]]/} ;;
            huddle-stdout-bytes:*) stdout_bytes=${line#*:} && stdout_bytes=${stdout_bytes//[[:space:]]/} ;;
            content-length:*) content_length=${line#*:} && content_length=${content_length//[[:space:]]/} ;;
        esac
    done
    if [[ $status != 200 || ! $exit_code =~ ^[0-9]+$ || ! $stdout_bytes =~ ^[0-9]+$ || ! $content_length =~ ^[0-9]+$ ]]; then
        # Refused before anything ran (not a line the server runs, a credential it does not take,
        # busy): the JVM client makes the same request its own way and reports what it gets.
        exec {fd}>&-
        _huddle_thin_why="the server answered HTTP $status"
        return 0
    fi
    if ((stdout_bytes > 0 && content_length > stdout_bytes)); then
        head -c "$stdout_bytes" <&"$fd"
        cat <&"$fd" >&2
    elif ((stdout_bytes > 0)); then
        cat <&"$fd"
    elif ((content_length > 0)); then
        cat <&"$fd" >&2
    fi
    exec {fd}>&-
    exit "$exit_code"
}
