# Varnish in front of the newsroom's gunicorn (Debian's varnish 7.1; README, Production).
#
# Anonymous readers' GETs are served from here; staff (the session or CSRF cookie), POSTs,
# the admin and previews pass through to Django. The application bans exactly the URLs a
# change touched (edge/purge.py: BAN with an X-Ban-Url pattern), only from the addresses
# in the "purgers" ACL. Lifetimes come from the application's Cache-Control (s-maxage);
# a copy is served stale for stale-while-revalidate while the backend is healthy, and for a
# day while it is not (stale-if-error).
#
# site.vcl (written by start-varnish.sh, or by hand) defines "backend default", with a
# probe on /health/, and "acl purgers".
vcl 4.1;

import std;

include "site.vcl";

sub vcl_recv {
    unset req.http.X-Passed;
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.X-Ban-Url) {
            return (synth(400, "X-Ban-Url missing"));
        }
        # Lurker-friendly: matched against the URL stored on each object.
        ban("obj.http.X-Url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|preview)/" || req.http.Authorization) {
        return (pass);
    }
    # Staff and anyone who has posted a form: never a shared copy.
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|csrftoken)=") {
        return (pass);
    }
    # Any other cookie (analytics, consent) means nothing to the site: one copy for all.
    unset req.http.Cookie;
    # A few codings, not every browser's spelling of them.
    if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(,|$)") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(^|,)\s*gzip\s*(,|$)") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    # stale-while-revalidate while the backend is healthy; the whole grace when it is not.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 60s;
    }
    return (hash);
}

sub vcl_pass {
    set req.http.X-Passed = "1";
}

sub vcl_backend_response {
    set beresp.http.X-Url = bereq.url;
    # stale-if-error: a failing refresh of a copy still in grace keeps the copy.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # Remember for a while that this URL is not cached (hit-for-miss).
        set beresp.ttl = 30s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # stale-if-error: a day of grace, used in full only while the backend is sick.
    set beresp.grace = 24h;
    return (deliver);
}

sub vcl_deliver {
    if (req.http.X-Passed) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.X-Url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}
