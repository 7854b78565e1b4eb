#!/usr/bin/env python3
"""A small syzbot-shaped and hostile HTTP(S) server for tests/input/url.sh.

Python's standard library only. Listens on 127.0.0.1, on a free port that
it writes to --port-file once it accepts connections. Every request's path
is appended to --log (one line each), so a test can tell whether the
network was asked at all.

Paths:
  /x/bisect.txt?x=cause1     the --cause-log file (a real-shaped syzbot log)
  /x/bisect.txt?x=cause2     the --cause-log2 file (one without a crash report)
  /text?tag=Log&x=fix1       the --fix-log file (the older link form)
  /x/report.txt?x=rep1       the --report file
  /bug?extid=...  /bug?id=...  a bug page linking all three (hrefs as
                             syzbot's template writes them, &amp; and all)
  /bug?extid=nobisect        a bug page without bisection links
  /bug?extid=noreport        a bug page whose cause log is cause2
  /huge                      announces 10 GiB
  /stream                    an endless fast body, no Content-Length
  /slow                      an endless body at one byte a second
  /loop                      a redirect to itself
  /tofile                    a redirect to file:///etc/passwd
  /html                      text/html where a text link is expected
  /cut                       Content-Length 100000, 1000 bytes, then closes
  /status/NNN                that HTTP status
  /late/S/NAME               the --cause-log file after S seconds
  /paced/NAME                the --cause-log file, logged with the time
"""
import argparse
import http.server
import os
import ssl
import sys
import time


def bug_page(extid_line, with_links, cause='cause1'):
    links = ''
    if with_links:
        links = f'''
\t<div>
\t\t<div class="bug-bisection-info">
\t\t\t<b>Cause bisection: introduced by</b>
\t\t\t<b>(<a href="/x/bisect.txt?x={cause}">bisect log</a>)</b> <span class="bad"></span>:<br>
\t\t\t<span class="mono">commit 0123456789abcdef0123456789abcdef01234567<br></span><br>
\t\t\tCrash: <a href="/x/report.txt?x=rep1">WARNING in something</a>
\t\t\t(<a href="/x/log.txt?x=log1">log</a>)<br>
\t\t</div>
\t\t<div class="bug-bisection-info">
\t\t\t<b>Fix bisection: fixed by</b>
\t\t\t<b>(<a href="/text?tag=Log&amp;x=fix1">bisect log</a>)</b> <span class="bad"></span>:<br>
\t\t</div>
\t\t<div class="bug-bisection-stop"></div>
\t</div>
'''
    return f'''<!doctype html>
<html>
<head><title>WARNING in something</title></head>
<body>
\t<b>WARNING in something</b><br><br>
\tStatus: upstream: reported on 2023/03/01 22:20<br>
\t{extid_line}
\tFirst crash: 500d, last: 10d<br>
{links}
\t<table class="list_table"><tr><td class="repro"><a href="/x/report.txt?x=other">report</a></td></tr></table>
</body>
</html>
'''


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.0'

    def log_message(self, fmt, *args):
        pass

    def send_body(self, body, ctype='text/plain; charset=utf-8', status=200):
        self.send_response(status)
        self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where):
        self.send_response(302)
        self.send_header('Location', where)
        self.send_header('Content-Length', '0')
        self.end_headers()

    def endless(self, chunk, pause):
        self.send_response(200)
        self.send_header('Content-Type', 'text/plain')
        self.end_headers()
        try:
            while True:
                self.wfile.write(chunk)
                self.wfile.flush()
                if pause:
                    time.sleep(pause)
        except OSError:
            pass

    def do_GET(self):
        opts = self.server.opts
        with open(opts.log, 'a') as f:
            # /paced/ requests say when they came (the batch's pacing)
            when = f'{time.time():.3f} ' if self.path.startswith('/paced/') else ''
            f.write(when + self.path + '\n')
        p = self.path
        if p.startswith('/late/'):
            time.sleep(float(p.split('/')[2]))
            self.send_body(open(opts.cause_log, 'rb').read())
        elif p.startswith('/paced/'):
            self.send_body(open(opts.cause_log, 'rb').read())
        elif p == '/x/bisect.txt?x=cause1':
            self.send_body(open(opts.cause_log, 'rb').read())
        elif p == '/x/bisect.txt?x=cause2':
            self.send_body(open(opts.cause_log2, 'rb').read())
        elif p == '/text?tag=Log&x=fix1':
            self.send_body(open(opts.fix_log, 'rb').read())
        elif p == '/x/report.txt?x=rep1':
            self.send_body(open(opts.report, 'rb').read())
        elif p.startswith('/bug?'):
            nolinks = 'extid=nobisect' in p
            line = ('Reported-by: syzbot+0123456789abcdef0123@syzkaller.appspotmail.com<br>'
                    if 'id=' in p else '')
            cause = 'cause2' if 'extid=noreport' in p else 'cause1'
            self.send_body(bug_page(line, not nolinks, cause).encode(),
                           'text/html; charset=utf-8')
        elif p == '/huge':
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', str(10 << 30))
            self.end_headers()
            try:
                self.wfile.write(b'x' * 65536)
            except OSError:
                pass
        elif p == '/stream':
            self.endless(b'y' * 65536, 0)
        elif p == '/slow':
            self.endless(b'z', 1)
        elif p == '/loop':
            self.redirect('/loop')
        elif p == '/tofile':
            self.redirect('file:///etc/passwd')
        elif p == '/html':
            self.send_body(b'<html><body>Sign in</body></html>', 'text/html')
        elif p == '/cut':
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain')
            self.send_header('Content-Length', '100000')
            self.end_headers()
            self.wfile.write(b'c' * 1000)
            self.wfile.flush()
            self.close_connection = True
        elif p.startswith('/status/'):
            self.send_body(b'no\n', 'text/plain', int(p[8:11]))
        else:
            self.send_body(b'not here\n', 'text/plain', 404)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port-file', required=True)
    ap.add_argument('--log', required=True)
    ap.add_argument('--cause-log', required=True)
    ap.add_argument('--cause-log2', required=True)
    ap.add_argument('--fix-log', required=True)
    ap.add_argument('--report', required=True)
    ap.add_argument('--cert')
    ap.add_argument('--key')
    opts = ap.parse_args()
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    server.opts = opts
    if opts.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(opts.cert, opts.key)
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    tmp = opts.port_file + '.tmp'
    with open(tmp, 'w') as f:
        f.write(str(server.server_address[1]))
    os.rename(tmp, opts.port_file)
    server.serve_forever()


if __name__ == '__main__':
    sys.exit(main())
