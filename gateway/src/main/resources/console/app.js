// Jiesu agent console: sign-in, screen pops over WebSocket (acknowledged once shown), the appeal form, agent
// state, click-to-call and the supervisor wallboard. Plain JS, no libraries, nothing loaded from the internet.
(function () {
    'use strict';

    const REQUEST_TYPES = ['CONSULT', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE', 'OTHER'];
    const URGENCIES = ['EMERGENCY', 'IMMEDIATE', 'NORMAL', 'COMPLEX'];
    const QUEUE_AGENT_STATES = ['on_call', 'ready', 'paused', 'wrap_up', 'unavailable'];
    const MAX_POPS = 30;
    const TREND_POINTS = 60;

    const $ = (id) => document.getElementById(id);
    const state = {
        lang: localStorage.getItem('jiesu.lang') || 'zh',
        bundle: {},
        me: null,
        ws: null,
        retry: 0,
        connected: false,
        pops: new Map(),      // popId -> pop (with state, replay)
        forms: new Map(),     // popId -> unsaved form values
        selected: null,
        openHistory: new Set(), // intake ids of history lines the agent opened
        earlyDials: new Map(), // dialId -> dial-result frame that came before the dial's HTTP answer
        dials: new Map(),     // row key (callback id, or 'n:' + number) -> {dialId, text, outcome, pending}
        agentState: null,
        agentReason: null,    // Asterisk's pause reason when paused elsewhere
        wrapUpEnds: null,     // Date.now() ms at which the wrap-up ends by itself
        wrapUpTimer: null,
        trend: [],
        wallboard: null,
        hotspots: null,       // {enabled, hotspots: [...]} as the server last sent it
        hotspotIds: new Set(), // ids of hotspots already seen open: only a new one is announced
        formMatch: new Map(), // popId -> {place, topics, matches} of the form's address and text
        matchTimer: null,
        tab: 'pops'
    };

    // ---- i18n ----
    function t(key, vars) {
        let s = state.bundle[key];
        if (s === undefined) {
            return key.indexOf('.') >= 0 ? key.substring(key.lastIndexOf('.') + 1) : key;
        }
        if (vars) {
            Object.keys(vars).forEach((k) => { s = s.split('{' + k + '}').join(String(vars[k])); });
        }
        return s;
    }

    async function loadBundle(lang) {
        const res = await fetch('i18n/' + lang + '.json', {credentials: 'same-origin'});
        state.bundle = await res.json();
        state.lang = lang;
        localStorage.setItem('jiesu.lang', lang);
        document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
        document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
        $('lang').textContent = t('lang.switch');
        renderAll();
        renderTitle();
    }

    // ---- HTTP ----
    async function api(method, path, body) {
        const headers = {'Accept': 'application/json'};
        if (body !== undefined) {
            headers['Content-Type'] = 'application/json';
        }
        if (state.me && method !== 'GET') {
            headers['X-CSRF-Token'] = state.me.csrf;
        }
        const res = await fetch(path, {
            method: method, headers: headers, credentials: 'same-origin',
            body: body === undefined ? undefined : JSON.stringify(body)
        });
        let json = null;
        try { json = await res.json(); } catch (e) { json = null; }
        if (!res.ok) {
            const err = new Error((json && json.message) || res.statusText);
            err.status = res.status;
            err.code = json && json.error;
            err.retryAfter = (json && json.retryAfter) || Number(res.headers.get('Retry-After')) || 0;
            throw err;
        }
        return json;
    }

    // ---- views ----
    function el(tag, attrs, children) {
        const e = document.createElement(tag);
        Object.entries(attrs || {}).forEach(([k, v]) => {
            if (v === null || v === undefined || v === false) return;
            if (k === 'text') e.textContent = v;
            else if (k === 'class') e.className = v;
            else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
            else e.setAttribute(k, v === true ? '' : v);
        });
        (children || []).forEach((c) => { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
        return e;
    }

    function showLogin(message) {
        state.me = null;
        if (state.ws) { state.ws.onclose = null; state.ws.close(); state.ws = null; }
        state.pops.clear();
        state.forms.clear();
        state.dials.clear();
        state.formMatch.clear();
        state.hotspots = null;
        state.hotspotIds.clear();
        state.selected = null;
        stopRing();
        document.title = t('title');
        $('who').hidden = true;
        $('app-view').hidden = true;
        $('login-view').hidden = false;
        $('login-error').textContent = message || '';
        $('login-password').value = '';
        $('login-ext').focus();
    }

    function showApp() {
        $('login-view').hidden = true;
        $('app-view').hidden = false;
        $('who').hidden = false;
        $('who-name').textContent = state.me.name + ' · ' + state.me.ext;
        $('tabs').hidden = state.me.role !== 'SUPERVISOR';
        selectTab('pops');
        connect();
        renderAll();
    }

    function selectTab(tab) {
        state.tab = tab;
        document.querySelectorAll('.tab').forEach((b) => {
            b.classList.toggle('active', b.dataset.tab === tab);
            b.setAttribute('aria-pressed', b.dataset.tab === tab ? 'true' : 'false');
        });
        $('pops-pane').hidden = tab !== 'pops';
        $('wallboard-pane').hidden = tab !== 'wallboard';
        renderWallboard();
    }

    // Times are shown in the hotline's zone (the server's, from api/me), not the browser's: a 受理号 and a
    // deadline count days there, and an agent's PC set to another zone must not show a different date.
    const partsCache = {};
    function parts(iso) {
        const zone = (state.me && state.me.zone) || undefined;
        const key = zone || '';
        if (!partsCache[key]) {
            partsCache[key] = new Intl.DateTimeFormat('en-GB', {timeZone: zone, hourCycle: 'h23', year: 'numeric',
                month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'});
        }
        const out = {};
        partsCache[key].formatToParts(new Date(iso)).forEach((x) => { out[x.type] = x.value; });
        return out;
    }

    function fmtTime(iso) {
        if (!iso) return '';
        const d = parts(iso);
        return d.hour + ':' + d.minute + ':' + d.second;
    }

    function fmtDate(iso) {
        const d = parts(iso);
        return d.year + '-' + d.month + '-' + d.day;
    }

    function renderAll() {
        renderConn();
        renderState();
        renderPopList();
        renderPop();
        renderWallboard();
        renderHotspots();
    }

    // The agent's state as the server records it (Asterisk is the truth): the badge says it, with a paused
    // reason made elsewhere and the wrap-up's seconds left; only the buttons that make sense now are shown
    // (nothing to choose on a call; wrap-up is never chosen, it follows a call and ends by itself).
    const STATE_BUTTONS = {READY: ['PAUSED'], PAUSED: ['READY'], WRAP_UP: ['READY', 'PAUSED'], ON_CALL: []};
    const OWN_REASONS = ['break', 'ready', 'wrap-up', 'wrap-up-over'];

    function setAgentStateFrom(f) {
        state.agentState = f.state;
        state.agentReason = f.reason || null;
        state.wrapUpEnds = f.state === 'WRAP_UP' && typeof f.remainingS === 'number'
            ? Date.now() + f.remainingS * 1000 : null;
        clearInterval(state.wrapUpTimer);
        state.wrapUpTimer = state.wrapUpEnds ? setInterval(renderState, 1000) : null;
        renderState();
    }

    function renderState() {
        const badge = $('state-badge');
        const s = state.agentState || 'READY';
        badge.className = 'badge ' + s;
        badge.dataset.state = s;
        let text = t('state.' + s);
        delete badge.dataset.remaining;
        if (s === 'WRAP_UP' && state.wrapUpEnds) {
            const left = Math.max(0, Math.ceil((state.wrapUpEnds - Date.now()) / 1000));
            badge.dataset.remaining = String(left);
            text = t('state.wrapUpLeft', {s: left});
        } else if (s === 'PAUSED' && state.agentReason && OWN_REASONS.indexOf(state.agentReason) < 0) {
            text = t('state.pausedBecause', {reason: t('pauseReason.' + state.agentReason)});
        }
        badge.textContent = text;
        // A supervisor takes no queue calls: no agent state to show or choose.
        const supervisor = !!state.me && state.me.role === 'SUPERVISOR';
        badge.hidden = supervisor;
        const allowed = supervisor ? [] : STATE_BUTTONS[s] || [];
        document.querySelectorAll('.state-buttons button').forEach((b) => {
            b.hidden = allowed.indexOf(b.dataset.state) < 0;
        });
    }

    function sortedPops() {
        return Array.from(state.pops.values()).sort((a, b) => b.offeredAt.localeCompare(a.offeredAt));
    }

    function renderPopList() {
        const ul = $('pop-list');
        // Each call is a button (Tab, Enter, Space); the one with focus keeps it when the list is redrawn.
        const active = document.activeElement;
        const focused = active && active.dataset && active.dataset.testid === 'pop-item' ? active.dataset.popId : null;
        ul.replaceChildren();
        sortedPops().forEach((p) => {
            const li = el('li', {
                'class': (p.popId === state.selected ? 'selected' : '') + (p.emergency ? ' emergency' : '')
            }, [el('button', {
                type: 'button', 'class': 'pop-item', 'data-testid': 'pop-item', 'data-pop-id': p.popId,
                'aria-current': p.popId === state.selected ? 'true' : null,
                onclick: () => { state.selected = p.popId; renderPopList(); renderPop(); }
            }, [
                el('span', {'class': 'num', text: p.callerNumber || t('pop.withheld')}),
                el('span', {'class': 'meta'}, [
                    // In words, not only the red edge: colour alone tells a screen reader nothing.
                    p.emergency ? el('span', {'class': 'badge EMERGENCY', text: t('urgency.EMERGENCY')}) : null,
                    el('span', {'class': 'badge ' + p.state, text: t('popState.' + p.state)}),
                    el('span', {text: fmtTime(p.offeredAt)}),
                    p.replay ? el('span', {'class': 'badge replay', text: t('pop.replayed')}) : null
                ])
            ])]);
            ul.appendChild(li);
        });
        if (focused) {
            const again = ul.querySelector('[data-pop-id="' + CSS.escape(focused) + '"]');
            if (again) again.focus();
        }
        $('waiting').hidden = state.pops.size > 0;
    }

    function renderPop() {
        const box = $('pop-detail');
        const active = document.activeElement;
        const keepField = active && active.closest && active.closest('[data-testid=pop]')
            ? active.getAttribute('data-testid') : null;
        box.querySelectorAll('.pop').forEach((n) => n.remove());
        const p = state.selected && state.pops.get(state.selected);
        if (!p) return;
        box.appendChild(el('article', {
            'class': 'pop', 'data-testid': 'pop', 'data-pop-id': p.popId, 'data-state': p.state,
            'data-replay': p.replay ? 'true' : 'false'
        }, [emergencyBanner(p), hotspotBox(p), popHead(p), el('div', {'class': 'pop-grid'}, [
            el('div', {'class': 'col'}, [ivrCard(p), historyCard(p), callbacksCard(p)]),
            formCard(p)
        ])]));
        if (keepField) focusField(keepField);
    }

    function focusField(testid) {
        const f = document.querySelector('[data-testid=pop] [data-testid=' + testid + ']');
        if (f) f.focus();
    }

    // ---- alerting: sound, notification, tab title, screen reader, focus ----
    let audio = null;
    let ringing = null;

    // Browsers let audio start only after a user gesture: sign-in (or any click) unlocks it.
    function unlockAudio() {
        const Ctx = window.AudioContext || window.webkitAudioContext;
        if (!Ctx) return;
        if (!audio) audio = new Ctx();
        if (audio.state === 'suspended') audio.resume();
    }

    // Routine: the two-tone 440+480 Hz telephone ring (2 s on, 1 s off). Emergency: a fast 960/770 Hz
    // alternating siren, unmistakably different. Both stop when the call is answered or ends, or after 15 s.
    function ring(emergency) {
        stopRing();
        if (!audio) return;
        const gain = audio.createGain();
        gain.gain.value = 0;
        gain.connect(audio.destination);
        const oscs = [];
        const t0 = audio.currentTime + 0.05;
        const length = 15;
        if (emergency) {
            const o = audio.createOscillator();
            o.type = 'square';
            for (let s = 0; s < length; s += 0.5) {
                o.frequency.setValueAtTime(960, t0 + s);
                o.frequency.setValueAtTime(770, t0 + s + 0.25);
            }
            gain.gain.setValueAtTime(0.15, t0);
            oscs.push(o);
        } else {
            [440, 480].forEach((f) => {
                const o = audio.createOscillator();
                o.frequency.value = f;
                oscs.push(o);
            });
            for (let s = 0; s < length; s += 3) {
                gain.gain.setValueAtTime(0.2, t0 + s);
                gain.gain.setValueAtTime(0, t0 + s + 2);
            }
        }
        oscs.forEach((o) => { o.connect(gain); o.start(t0); o.stop(t0 + length); });
        ringing = {oscs: oscs, gain: gain};
    }

    function stopRing() {
        if (!ringing) return;
        ringing.oscs.forEach((o) => { try { o.stop(); } catch (e) { /* already stopped */ } });
        ringing.gain.disconnect();
        ringing = null;
    }

    function askNotifications() {
        if ('Notification' in window && Notification.permission === 'default') {
            try { Notification.requestPermission(); } catch (e) { /* old browsers: no prompt */ }
        }
    }

    // 139****5678: enough for the agent to recognise, not the whole number on a shared screen or lock screen.
    function masked(number) {
        if (!number) return t('pop.withheld');
        return number.length < 8 ? number
            : number.substring(0, 3) + '*'.repeat(number.length - 7) + number.substring(number.length - 4);
    }

    function renderTitle() {
        const offered = sortedPops().filter((p) => p.state === 'OFFERED');
        document.title = offered.length === 0 ? t('title')
            : t('alert.title', {n: offered.length, number: masked(offered[0].callerNumber)});
    }

    function announce(text) {
        const live = $('announcer');
        // Emptied first so that the same words twice are announced twice.
        live.textContent = '';
        setTimeout(() => { live.textContent = text; }, 50);
    }

    function alertPop(p) {
        const urgent = emergencyText(p);
        const text = t('alert.announce', {number: masked(p.callerNumber)}) + (urgent ? ' ' + urgent : '');
        ring(!!urgent);
        announce(text);
        renderTitle();
        if ('Notification' in window && Notification.permission === 'granted') {
            try {
                const n = new Notification(urgent || t('alert.notify'), {body: text, tag: p.popId,
                    requireInteraction: !!urgent});
                n.onclick = () => { window.focus(); state.selected = p.popId; renderPopList(); renderPop();
                    focusField('form-content'); n.close(); };
            } catch (e) { /* notifications unsupported here */ }
        }
        if (state.selected === p.popId) focusField('form-content');
    }

    // Why this call is an emergency, in words (the server decides: the IVR choice or an open emergency appeal).
    function emergencyText(p) {
        const e = p.emergency;
        if (!e) return null;
        if (e.reason === 'history') {
            return t('emergency.history', {ago: ago(e.receivedAt), channel: t('channel.' + e.channel),
                what: e.what || t('urgency.EMERGENCY'), appealNo: e.appealNo || e.intakeId || ''});
        }
        const ivr = p.ivr || {};
        const choices = ivr.choices || [];
        if (choices.length === 0) return t('emergency.ivr');
        // The emergency option routes straight to the queue: it is the caller's last choice.
        const last = choices.length - 1;
        return t('emergency.ivrKey', {key: choices[last].substring(choices[last].indexOf(':') + 1),
            label: (ivr.labels || choices)[last]});
    }

    function ago(iso) {
        const min = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
        if (min < 120) return t('ago.minutes', {n: min});
        if (min < 48 * 60) return t('ago.hours', {n: Math.round(min / 60)});
        return t('ago.days', {n: Math.round(min / 1440)});
    }

    function emergencyBanner(p) {
        const text = emergencyText(p);
        return text ? el('div', {'class': 'emergency-banner', role: 'alert', 'data-testid': 'emergency',
            'data-reason': p.emergency.reason, text: text}) : null;
    }

    // The call's 受理号: reserved when the call is answered (the number the citizen can quote later, in the IVR
    // status lookup or on the web), then the stored appeal it was filed under, with the agent's form merged in.
    function appealFacts(p) {
        const a = p.appeal || {};
        const label = el('span', {'class': 'k', text: t('pop.appealNo')});
        const no = a.no ? el('strong', {'class': 'appeal-no', 'data-testid': 'appeal-no', text: a.no})
            : el('span', {'class': 'muted', 'data-testid': 'appeal-no-pending',
                text: t(p.state === 'OFFERED' ? 'pop.appealNoOnAnswer' : 'pop.appealNoNone')});
        const status = a.stored ? el('span', {'class': 'badge stored', 'data-testid': 'appeal-stored',
            text: t(a.merged ? 'pop.appealMerged' : 'pop.appealStored')}) : null;
        const address = a.address || (state.forms.get(p.popId) || {}).address;
        return el('div', {'class': 'appeal-facts', 'data-testid': 'appeal'}, [
            el('span', {}, [label, no, status]),
            address ? el('span', {'data-testid': 'appeal-address'}, [el('span', {'class': 'k', text: t('form.address')}),
                el('span', {text: address})]) : null,
            (a.related || []).length ? el('span', {'data-testid': 'appeal-related'}, [
                el('span', {'class': 'k', text: t('pop.related')}), el('span', {text: a.related.join('、')})]) : null
        ]);
    }

    function popHead(p) {
        return el('div', {'class': 'card pop-head'}, [
            el('span', {'class': 'muted', text: t('pop.caller')}),
            el('span', {'class': 'caller', 'data-testid': 'caller', text: p.callerNumber || t('pop.withheld')}),
            el('span', {'class': 'badge ' + p.state, 'data-testid': 'pop-state', text: t('popState.' + p.state)}),
            p.repeatCaller ? el('span', {'class': 'badge repeat', 'data-testid': 'repeat', text: t('pop.repeat')}) : null,
            p.replay ? el('span', {'class': 'badge replay', 'data-testid': 'replayed', text: t('pop.replayed')}) : null,
            el('span', {'class': 'facts'}, [
                p.queue ? el('span', {text: t('pop.queue') + t('colon') + t('queue.' + p.queue)}) : null,
                el('span', {text: t('pop.offeredAt') + t('colon') + fmtTime(p.offeredAt)})
            ]),
            appealFacts(p)
        ]);
    }

    function ivrCard(p) {
        const ivr = p.ivr || {};
        return el('section', {'class': 'card', 'data-testid': 'ivr'}, [
            el('h3', {text: t('pop.ivr')}),
            el('div', {'class': 'ivr'}, [
                el('span', {}, [el('span', {'class': 'k', text: t('pop.language')}),
                    el('span', {text: ivr.language ? t('lang.' + ivr.language) : '—'})]),
                el('span', {}, [el('span', {'class': 'k', text: t('pop.choices')}),
                    el('span', {'class': 'chips'}, (ivr.choices || []).map((c, i) => el('span', {'class': 'chip', 'data-testid': 'ivr-choice',
                        title: c, text: (ivr.labels || [])[i] || c})))]),
                el('span', {}, [el('span', {'class': 'k', text: t('pop.ivrUrgency')}),
                    ivr.urgency ? el('span', {'class': 'badge ' + ivr.urgency, text: t('urgency.' + ivr.urgency)})
                        : el('span', {text: '—'})])
            ])
        ]);
    }

    function fmtShort(iso) {
        const d = parts(iso);
        return d.month + '-' + d.day + ' ' + d.hour + ':' + d.minute;
    }

    // One line per appeal (time, channel, type, tier, status, 受理号); opening it shows the text, the address, the
    // appeals it is linked with and a call-back button.
    function historyCard(p) {
        const rows = p.history || [];
        const items = rows.map((h) => {
            const key = 'n:' + h.number;
            // Opened lines stay open when the pop is drawn again (a state change, the 受理号 arriving).
            return el('li', {'data-testid': 'history-row'}, [el('details', {open: state.openHistory.has(h.intakeId),
                ontoggle: (e) => { if (e.target.open) state.openHistory.add(h.intakeId); else state.openHistory.delete(h.intakeId); }}, [
                el('summary', {}, [
                    el('span', {'class': 'h-time', text: fmtShort(h.receivedAt)}),
                    el('span', {text: t('channel.' + h.channel)}),
                    el('span', {text: t('requestType.' + h.requestType)}),
                    el('span', {'class': 'badge ' + h.urgency, text: t('urgency.' + h.urgency)}),
                    h.review ? el('span', {'class': 'badge review', 'data-testid': 'history-review',
                        title: h.reviewReason || '', text: t('triage.review')}) : null,
                    el('span', {text: t('status.' + h.status)}),
                    el('span', {'class': 'h-no', 'data-testid': 'history-no', text: h.appealNo || ''}),
                    el('span', {'class': 'h-title', text: h.title || h.snippet || ''})
                ]),
                el('div', {'class': 'h-body'}, [
                    el('p', {'class': 'h-text', 'data-testid': 'history-text', text: h.content || h.snippet || ''}),
                    h.address ? el('p', {}, [el('span', {'class': 'k', text: t('form.address')}), h.address]) : null,
                    (h.related || []).length ? el('p', {'data-testid': 'history-related'}, [el('span', {'class': 'k',
                        text: t('pop.related')}), h.related.join('、')]) : null,
                    h.number ? dialControls(key, h.number, null, t('action.call')) : null
                ])
            ])]);
        });
        return el('section', {'class': 'card', 'data-testid': 'history'}, [
            el('h3', {text: t('pop.history', {days: p.historyDays || 90})}),
            rows.length === 0 ? el('p', {'class': 'muted', text: p.historyError ? t('pop.historyError') : t('pop.noHistory')})
                : el('ul', {'class': 'history-list'}, items)
        ]);
    }

    // One row per callback: its kind, the appeal (受理号) it is about, when it is due, how often it was dialled
    // (live: a dial-result frame updates it) and the last result, the dial button with its result beside it.
    function callbacksCard(p) {
        const rows = p.callbacks || [];
        return el('section', {'class': 'card', 'data-testid': 'callbacks'}, [
            el('h3', {text: t('pop.callbacks')}),
            rows.length === 0 ? el('p', {'class': 'muted', text: p.callbacksError ? t('pop.callbacksError')
                : t('pop.noCallbacks')})
                : el('ul', {'class': 'cb-list'}, rows.map((c) => el('li', {'class': 'cb-row' + (c.emergency ? ' emergency' : ''),
                    'data-testid': 'callback-row', 'data-callback-id': c.callbackId}, [
                    el('span', {'class': 'badge kind', 'data-testid': 'cb-kind', text: t('cbKind.' + c.kind)}),
                    el('span', {}, [el('span', {'class': 'k', text: t('col.appealNo')}),
                        el('span', {'data-testid': 'cb-appeal', text: c.appealNo || c.intakeId})]),
                    el('span', {}, [el('span', {'class': 'k', text: t('col.deadline')}),
                        el('span', {'data-testid': 'cb-due', text: fmtShort(c.deadline)})]),
                    el('span', {'data-testid': 'cb-attempts', text: cbAttempts(c)}),
                    c.status !== 'PENDING' && c.status !== 'DIALING'
                        ? el('span', {'class': 'badge', 'data-testid': 'cb-status', text: t('cbStatus.' + c.status)}) : null,
                    dialControls(c.callbackId, c.number, c.callbackId, t('action.dial'))
                ])))
        ]);
    }

    function cbAttempts(c) {
        return t('cb.attempts', {n: c.attempts}) + (c.lastOutcome ? t('cb.last', {outcome: t('outcome.' + c.lastOutcome)}) : '');
    }

    // A dial button and its result, side by side. Disabled while the agent is on a call (the server refuses too).
    function dialControls(key, number, callbackId, label) {
        const d = state.dials.get(key);
        const busy = onCall();
        return el('span', {'class': 'dial', 'data-dial-key': key}, [
            el('button', {type: 'button', 'data-testid': 'dial', text: label, disabled: busy || (d && d.pending),
                title: busy ? t('dial.onCall') : null, onclick: () => dial(key, number, callbackId)}),
            el('span', {'class': 'dial-result', 'data-testid': 'dial-result', role: 'status',
                'data-outcome': d && d.outcome, text: d ? d.text : ''})
        ]);
    }

    function onCall() {
        return sortedPops().some((q) => q.state === 'CONNECTED');
    }

    // Updates the dial controls in place (a full re-render would disturb the agent typing in the form).
    function renderDials() {
        const busy = onCall();
        document.querySelectorAll('[data-dial-key]').forEach((box) => {
            const d = state.dials.get(box.dataset.dialKey);
            const b = box.querySelector('button');
            b.disabled = busy || !!(d && d.pending);
            if (busy) b.title = t('dial.onCall'); else b.removeAttribute('title');
            const r = box.querySelector('.dial-result');
            r.textContent = d ? d.text : '';
            if (d && d.outcome) r.dataset.outcome = d.outcome; else delete r.dataset.outcome;
        });
        document.querySelectorAll('[data-testid=callback-row]').forEach((row) => {
            const c = findCallback(row.dataset.callbackId);
            if (c) row.querySelector('[data-testid=cb-attempts]').textContent = cbAttempts(c);
        });
    }

    function findCallback(id) {
        for (const p of state.pops.values()) {
            const c = (p.callbacks || []).find((x) => x.callbackId === id);
            if (c) return c;
        }
        return null;
    }

    function formCard(p) {
        const saved = state.forms.get(p.popId) || Object.assign({}, p.form || {});
        if (saved.mode && !saved.status) {
            // A replayed pop (the page reloaded) brings the form as saved: say so again.
            if (saved.mode === 'draft' && p.appeal && p.appeal.merged) saved.mode = 'merged';
            saved.status = formStatus(saved.mode, (p.appeal && p.appeal.no) || '');
        }
        state.forms.set(p.popId, saved);
        const remember = (field) => (e) => { saved[field] = e.target.value; };
        const options = (values, prefix, current) => values.map((v) =>
            el('option', {value: v, selected: v === current, text: t(prefix + v)}));
        const status = el('span', {'class': saved.mode ? 'note saved' : 'note', 'data-testid': 'form-status',
            'data-mode': saved.mode, text: saved.status || ''});
        const form = el('form', {'class': 'card form', 'data-testid': 'appeal-form', onsubmit: (e) => {
            e.preventDefault();
            saveForm(p, saved, status, e.target.querySelector('button[type=submit]'));
        }}, [
            el('h3', {text: t('pop.form')}),
            el('label', {}, [t('form.content'), el('textarea', {name: 'content', 'data-testid': 'form-content',
                maxlength: '4000', oninput: (e) => { remember('content')(e); formChanged(p.popId); }})]),
            el('label', {}, [t('form.address'), el('input', {name: 'address', 'data-testid': 'form-address',
                maxlength: '500', oninput: (e) => { remember('address')(e); formChanged(p.popId); }})]),
            el('div', {'class': 'row'}, [
                el('label', {}, [t('form.requestType'), el('select', {name: 'requestType', 'data-testid': 'form-type',
                    onchange: remember('requestType')}, options(REQUEST_TYPES, 'requestType.', saved.requestType || 'OTHER'))]),
                el('label', {}, [t('form.urgency'), el('select', {name: 'urgency', 'data-testid': 'form-urgency',
                    onchange: remember('urgency')}, options(URGENCIES, 'urgency.', saved.urgency || 'NORMAL'))])
            ]),
            el('div', {'class': 'actions'}, [
                el('button', {type: 'submit', 'class': 'primary', 'data-testid': 'form-save', text: t('form.save')}),
                status
            ])
        ]);
        form.querySelector('textarea').value = saved.content || '';
        form.querySelector('input').value = saved.address || '';
        if (!saved.requestType) saved.requestType = 'OTHER';
        if (!saved.urgency) saved.urgency = 'NORMAL';
        return form;
    }

    async function saveForm(p, values, status, button) {
        button.disabled = true;
        status.className = 'note';
        status.textContent = t('form.saving');
        try {
            const r = await api('POST', 'api/pops/' + encodeURIComponent(p.popId) + '/form', {
                content: values.content || '', address: values.address || '',
                requestType: values.requestType, urgency: values.urgency
            });
            values.status = formStatus(r.mode, r.appealNo || r.intakeId || '');
            values.mode = r.mode;
            status.className = 'note saved';
            status.dataset.mode = r.mode;
        } catch (e) {
            if (e.status === 401) { showLogin(); return; }
            values.status = t('form.error', {message: e.message});
            status.className = 'error';
        } finally {
            button.disabled = false;
        }
        status.textContent = values.status;
    }

    function formStatus(mode, no) {
        return no ? t('form.saved.' + mode, {no: no}) : t('form.saved.' + mode + 'NoNumber');
    }

    // The result comes later as a dial-result frame (the agent's phone rings first, then the citizen's).
    async function dial(key, number, callbackId) {
        state.dials.set(key, {pending: true, text: t('dial.calling')});
        renderDials();
        try {
            const r = await api('POST', 'api/dial', {number: number, callbackId: callbackId});
            const d = state.dials.get(key);
            if (d && d.pending) d.dialId = r.dialId;
            // A quick outcome (a busy line) can come over the socket before this answer.
            const early = state.earlyDials.get(r.dialId);
            if (early) { state.earlyDials.delete(r.dialId); onDialResult(early); return; }
        } catch (e) {
            if (e.status === 401) { showLogin(); return; }
            state.dials.set(key, {text: e.status === 409 ? t('dial.onCall') : t('dial.failed', {message: e.message}),
                outcome: e.code || 'error'});
        }
        renderDials();
    }

    function onDialResult(f) {
        const entry = Array.from(state.dials.values()).find((d) => d.dialId === f.dialId);
        if (f.callbackId && f.attempts !== undefined) {
            state.pops.forEach((p) => (p.callbacks || []).forEach((c) => {
                if (c.callbackId !== f.callbackId) return;
                c.attempts = f.attempts;
                c.status = f.callbackStatus || c.status;
                c.lastOutcome = f.lastOutcome || c.lastOutcome;
            }));
        }
        if (!entry) {
            // Not ours yet: the dial's HTTP answer has not arrived (or another tab dialled). Kept for a moment.
            state.earlyDials.set(f.dialId, f);
            setTimeout(() => state.earlyDials.delete(f.dialId), 60000);
        } else {
            entry.pending = false;
            entry.outcome = f.outcome;
            entry.text = t(f.citizenDialed ? 'dial.result' : 'dial.notDialed', {outcome: t('outcome.' + f.outcome)})
                + (f.callbackUpdated ? ' ' + t('dial.recorded') : '');
        }
        renderDials();
    }

    // What is known of the call's appeal: its 受理号 once answered, then the stored appeal at hang-up.
    function onPopAppeal(f) {
        const p = state.pops.get(f.popId);
        if (!p) return;
        p.appeal = Object.assign(p.appeal || {}, f.appeal);
        const form = state.forms.get(p.popId);
        if (form && form.mode && p.appeal.no) {
            // A draft saved during the call now names the appeal it went into.
            // Stored with the draft gone: merged (here at hang-up, or by another instance's sweep).
            if (p.appeal.stored && (p.appeal.merged || form.mode === 'draft')) form.mode = 'merged';
            form.status = formStatus(form.mode, p.appeal.no);
        }
        if (state.selected === p.popId) renderPop();
    }

    async function setAgentState(s) {
        try {
            setAgentStateFrom(await api('POST', 'api/state', {state: s}));
        } catch (e) {
            if (e.status === 401) showLogin();
            // 409: Asterisk has the agent on a call; its frame brings the state to show.
        }
    }

    // ---- WebSocket ----
    function connect() {
        const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/console/ws';
        const ws = new WebSocket(url);
        state.ws = ws;
        ws.onopen = () => { state.retry = 0; setConn(true); loadHotspots(); };
        ws.onmessage = (m) => onFrame(JSON.parse(m.data));
        ws.onclose = (e) => {
            setConn(false);
            if (state.ws !== ws) return;
            if (e.code === 4401) { showLogin(); return; }
            // The server may have refused the handshake because the session expired: ask before retrying.
            const delay = Math.min(5000, 500 * Math.pow(2, state.retry++));
            setTimeout(async () => {
                if (state.ws !== ws) return;
                try { await api('GET', 'api/me'); connect(); } catch (err) {
                    if (err.status === 401) showLogin(); else connect();
                }
            }, delay);
        };
    }

    function setConn(up) {
        state.connected = up;
        renderConn();
    }

    function renderConn() {
        const c = $('conn');
        c.textContent = t(state.connected ? 'conn.open' : 'conn.closed');
        c.classList.toggle('down', !state.connected);
        c.dataset.up = state.connected ? 'true' : 'false';
    }

    function onFrame(f) {
        switch (f.type) {
            case 'hello':
                setAgentStateFrom(f);
                break;
            case 'pop': {
                const p = f.pop;
                p.replay = f.replay;
                const known = state.pops.get(p.popId);
                if (known) p.state = rank(known.state) > rank(p.state) ? known.state : p.state;
                state.pops.set(p.popId, p);
                trimPops();
                if (!known && (!f.replay || !state.selected)) state.selected = p.popId;
                renderPopList();
                if (state.selected === p.popId) renderPop();
                if (!known && p.state === 'OFFERED') alertPop(p);
                else renderTitle();
                // Acknowledge only once the pop is on screen.
                requestAnimationFrame(() => send({type: 'ack', popId: p.popId}));
                break;
            }
            case 'pop-state': {
                const p = state.pops.get(f.popId);
                if (p && rank(f.state) > rank(p.state)) {
                    p.state = f.state;
                    if (sortedPops().every((q) => q.state !== 'OFFERED')) stopRing();
                    renderTitle();
                    renderPopList();
                    if (state.selected === p.popId) renderPop();
                    else renderDials();
                }
                break;
            }
            case 'dial-result':
                onDialResult(f);
                break;
            case 'pop-appeal':
                onPopAppeal(f);
                break;
            case 'agent-state':
                if (state.me && f.ext === state.me.ext) setAgentStateFrom(f);
                // A supervisor's agent list follows at once, not only at the next wallboard refresh.
                if (state.wallboard && state.wallboard.agentList) {
                    const row = state.wallboard.agentList.find((r) => r.ext === f.ext);
                    if (row && row.state !== 'OFFLINE') { row.state = f.state; row.since = f.since; renderWallboard(); }
                }
                break;
            case 'hotspots':
                onHotspots(f.data);
                break;
            case 'wallboard':
                state.wallboard = f.data;
                state.trend.push(totalWaiting(f.data));
                if (state.trend.length > TREND_POINTS) state.trend.shift();
                renderWallboard();
                break;
            default:
                break;
        }
    }

    function rank(s) { return ['OFFERED', 'CONNECTED', 'ENDED'].indexOf(s); }

    function trimPops() {
        const all = sortedPops();
        all.slice(MAX_POPS).forEach((p) => {
            state.pops.delete(p.popId); state.forms.delete(p.popId); state.formMatch.delete(p.popId);
        });
    }

    function send(obj) {
        if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(obj));
    }

    // ---- hotspots (未诉先办) ----
    // The list comes pushed when it changes (a 'hotspots' frame) and is asked for when the socket (re)opens. A call
    // is about an open hotspot when the caller's earlier appeal or the call's own is one of its appeals, or when the
    // form's address and text are at its place and on its topic (the server places and classifies them).
    async function loadHotspots() {
        try { onHotspots(await api('GET', 'api/hotspots')); } catch (e) { /* the next push brings it */ }
    }

    function onHotspots(data) {
        const first = state.hotspots === null;
        const fresh = (data.hotspots || []).filter((h) => hsOpen(h) && !state.hotspotIds.has(h.id));
        fresh.forEach((h) => state.hotspotIds.add(h.id));
        state.hotspots = data;
        // Those open when the console starts are on screen already: only a hotspot that opens later is told.
        if (!first && fresh.length) {
            announcePolite(fresh.map((h) => t('hs.announce', {place: hsPlace(h), topic: t('topic.' + h.topic),
                n: h.count})).join('；'));
        }
        renderHotspots();
        renderHotspotNotice();
    }

    function announcePolite(text) {
        const live = $('hs-announcer');
        live.textContent = '';
        setTimeout(() => { live.textContent = text; }, 50);
    }

    // Each hotspot as GET /api/v1/hotspots gives it: state open|closed, window 15m|1h|24h, appeals (intake ids).
    function hsOpen(h) { return h.state === 'open'; }
    function hsPlace(h) { return h.street ? h.street : h.district; }
    function hhmm(iso) { const d = parts(iso); return d.hour + ':' + d.minute; }
    function hsList() { return (state.hotspots && state.hotspots.hotspots) || []; }

    function hsEmpty() {
        return el('p', {'class': 'muted', 'data-testid': 'no-hotspots',
            text: t(state.hotspots && state.hotspots.enabled === false ? 'hs.disabled' : 'hs.none')});
    }

    function renderHotspots() {
        const list = hsList();
        $('agent-hotspots').replaceChildren(list.length === 0 ? hsEmpty() : el('ul', {}, list.map((h) =>
            el('li', {'class': h.state, 'data-testid': 'hotspot', 'data-hotspot-id': h.id,
                'data-open': String(hsOpen(h))}, [
                el('div', {'class': 'hs-title'}, [t('topic.' + h.topic) + ' · ' + hsPlace(h)]),
                el('div', {'class': 'hs-meta'}, [
                    el('span', {text: t('hs.count', {n: h.count})}),
                    el('span', {text: hsOpen(h) ? t('hs.openedAt', {time: hhmm(h.openedAt)})
                        : t('hs.closedAt', {time: hhmm(h.closedAt)})})
                ].concat(hsIncludes(h)))
            ]))));
        $('wb-hotspots').replaceChildren(list.length === 0 ? hsEmpty() : el('table', {}, [
            el('thead', {}, [el('tr', {}, ['topic', 'place', 'count', 'time', 'growth', 'window', 'status']
                .map((c) => el('th', {scope: 'col', text: t('hs.col.' + c)})))]),
            el('tbody', {}, list.map((h) => el('tr', {'class': h.state, 'data-testid': 'wb-hotspot',
                'data-hotspot-id': h.id, 'data-open': String(hsOpen(h))}, [
                el('td', {'data-testid': 'hs-topic', text: t('topic.' + h.topic)}),
                el('td', {'data-testid': 'hs-place', text: h.street ? h.district + ' ' + h.street : h.district},
                    hsIncludes(h)),
                el('td', {'data-testid': 'hs-count', text: String(h.count)}),
                el('td', {text: t('hs.span', {first: hhmm(h.first), latest: hhmm(h.latest)})}),
                el('td', {text: '+' + Math.round(h.growthPerHour)}),
                el('td', {text: t('window.' + h.window)}),
                el('td', {text: hsOpen(h) ? t('hs.open') + ' · ' + t('hs.openedAt', {time: hhmm(h.openedAt)})
                    : t('hs.closed') + ' · ' + t('hs.closedAt', {time: hhmm(h.closedAt)})})
            ])))]));
    }

    // The open hotspots this call is about, each with why: the caller's (or the call's) appeal is in it, or the form.
    function hotspotsFor(p) {
        const ids = new Set((p.history || []).map((h) => h.intakeId));
        if (p.appeal && p.appeal.intakeId) ids.add(p.appeal.intakeId);
        const byForm = new Set(((state.formMatch.get(p.popId) || {}).matches) || []);
        const matched = hsList().filter(hsOpen).map((h) => ({h: h,
            byAppeal: (h.appeals || []).some((id) => ids.has(id)), byForm: byForm.has(h.id)}))
            .filter((m) => m.byAppeal || m.byForm);
        // A district hotspot that holds a matched street's is the same incident: one notice, the street's.
        const streets = new Set(matched.filter((m) => m.h.street).map((m) => m.h.id));
        return matched.filter((m) => m.h.street || !(m.h.streetHotspots || []).some((id) => streets.has(id)));
    }

    // A district hotspot's note naming the streets whose open hotspots it holds (streetHotspots: their ids); none
    // for a street's or a district's of its own.
    function hsIncludes(h) {
        const byId = new Map(hsList().map((x) => [x.id, x]));
        const streets = (h.streetHotspots || []).map((id) => byId.get(id)).filter((x) => x && x.street)
            .map((x) => x.street);
        return streets.length === 0 ? []
            : [el('span', {'class': 'note', 'data-testid': 'hs-includes',
                text: t('hs.includes', {streets: streets.join('、')})})];
    }

    function hotspotBox(p) {
        const box = el('div', {'class': 'hotspot-box', 'data-testid': 'hotspot-box'});
        fillHotspotBox(box, p);
        return box;
    }

    function fillHotspotBox(box, p) {
        // Where the server placed the form's address: what the notice (or its absence) rests on.
        const place = (state.formMatch.get(p.popId) || {}).place;
        if (place) box.dataset.formPlace = place.street || place.district;
        else delete box.dataset.formPlace;
        box.replaceChildren(...hotspotsFor(p).map((m) => el('div', {'class': 'hotspot-notice', role: 'status',
            'data-testid': 'hotspot-notice', 'data-hotspot-id': m.h.id, 'data-basis': m.byForm ? 'form' : 'appeal'}, [
            el('p', {text: t('hs.notice', {n: m.h.count, place: hsPlace(m.h), topic: t('topic.' + m.h.topic),
                time: hhmm(m.h.openedAt)})}),
            el('p', {'class': 'note', text: m.byAppeal && !m.byForm ? t('hs.by.appeal') : t('hs.tell')})
        ])));
    }

    function renderHotspotNotice() {
        const box = document.querySelector('[data-testid=pop] [data-testid=hotspot-box]');
        const p = state.selected && state.pops.get(state.selected);
        if (box && p) fillHotspotBox(box, p);
    }

    // The form's address and text are placed and classified by the server, a moment after the agent stops typing.
    function formChanged(popId) {
        clearTimeout(state.matchTimer);
        state.matchTimer = setTimeout(() => matchForm(popId), 400);
    }

    async function matchForm(popId) {
        const f = state.forms.get(popId) || {};
        if (!f.address && !f.content) {
            state.formMatch.delete(popId);
            renderHotspotNotice();
            return;
        }
        try {
            // POST: the form's words are the citizen's and may be long; they stay out of URLs and proxy logs.
            const r = await api('POST', 'api/hotspots/match', {address: f.address || '', content: f.content || ''});
            state.formMatch.set(popId, r.form || {});
            onHotspots(r);
        } catch (e) {
            if (e.status === 401) showLogin();
        }
    }

    // ---- wallboard ----
    function totalWaiting(d) {
        return (d.queues || []).reduce((n, q) => n + q.waiting, 0);
    }

    function renderWallboard() {
        const d = state.wallboard;
        if (state.tab !== 'wallboard' || !d) return;
        const na = t('wb.na');
        const val = (v) => (v === null || v === undefined ? na : String(Math.round(v)));
        const pct = (v) => (v === null || v === undefined ? na : (v * 100).toFixed(1) + '%');
        const a = d.agents || {};
        const qa = d.queueAgents;   // agents as Asterisk sees them (queue-member state); null: no phone line
        const qaVal = (s) => (qa ? String(qa[s] || 0) : na);
        const qt = d.queueToday;    // today's queue service; null: no phone line
        const rates = d.rates || {};
        const month = d.ratesMonth || {};
        const emergency = (d.queues || []).filter((q) => q.emergency);
        const emergencyWaiting = emergency.reduce((n, q) => n + q.waiting, 0);
        const none = '—';           // registered, but no call today to measure
        const tiles = [
            ['wb.inIvr', val(d.callsInIvr)],
            ['wb.waiting', d.queues ? String(totalWaiting(d)) : na],
            ['wb.emergencyWaiting', d.queues && emergency.length ? String(emergencyWaiting) : na, emergencyWaiting > 0],
            ['wb.longest', d.longestWaitS === null || d.longestWaitS === undefined ? na : d.longestWaitS + t('unit.s'),
                d.longestWaitS > 60],
            ['wb.serviceLevel', !qt ? na : qt.serviceLevel === null ? none : pct(qt.serviceLevel),
                qt && qt.serviceLevel !== null && qt.serviceLevel < 0.8],
            ['wb.abandoned', qt ? String(qt.abandoned) : na, qt && qt.abandoned > 0],
            ['wb.avgAnswer', !qt ? na : qt.avgAnswerS === null ? none : qt.avgAnswerS.toFixed(1) + t('unit.s')],
            ['wb.agentsOnCall', qaVal('on_call')],
            ['wb.agentsReady', qaVal('ready'), qa && !qa.ready && totalWaiting(d) > 0],
            ['wb.agentsPaused', qaVal('paused')],
            ['wb.agentsWrapUp', qaVal('wrap_up')],
            ['wb.agentsOffline', String(a.OFFLINE || 0)],
            ['wb.callbacksDue', val(d.callbacksDue)],
            ['wb.callbacksAtRisk', val(d.callbacksAtRisk), d.callbacksAtRisk > 0],
            ['wb.triageReview', val(d.triageReview), d.triageReview > 0],
            ['wb.rateResponse', pct(rates.response)],
            ['wb.rateResolution', pct(rates.resolution)],
            ['wb.rateSatisfaction', pct(rates.satisfaction)],
            ['wb.rateResponseMonth', pct(month.response)],
            ['wb.rateResolutionMonth', pct(month.resolution)],
            ['wb.rateSatisfactionMonth', pct(month.satisfaction)]
        ];
        $('tiles').replaceChildren(...tiles.map(([k, v, alert]) => el('div', {'class': 'tile' + (alert ? ' alert' : ''),
            'data-testid': 'tile-' + k.substring(3)}, [el('div', {'class': 'v', text: v}), el('div', {'class': 'l', text: t(k)})])));
        // The emergency queue's bar is red whenever callers wait in it.
        bars($('chart-queues'), (d.queues || []).map((q) => [t('queue.' + q.queue), q.waiting,
            q.emergency && q.waiting > 0 ? 'EMERGENCY' : '']), d.queues === null);
        line($('chart-trend'), state.trend);
        bars($('chart-agents'), QUEUE_AGENT_STATES.map((s) => [t('qstate.' + s), qa ? qa[s] || 0 : 0, 'q-' + s]),
            !qa);
        bars($('chart-channels'), entries(d.appealsByChannel).map(([k, v]) => [t('channel.' + k), v, '']),
            d.appealsByChannel === null || d.appealsByChannel === undefined);
        bars($('chart-tiers'), entries(d.appealsByTier).map(([k, v]) => [t('urgency.' + k.toUpperCase()), v,
            k.toUpperCase()]), d.appealsByTier === null || d.appealsByTier === undefined);
        const agents = d.agentList || [];
        $('agent-table').replaceChildren(agents.length === 0
            ? el('p', {'class': 'muted', 'data-testid': 'no-agents', text: t('wb.noAgents')})
            : el('table', {}, [el('tbody', {}, agents.map((r) => el('tr', {}, [
                el('td', {text: r.ext}),
                el('td', {}, [el('span', {'class': 'badge ' + r.state, text: t('state.' + r.state)})]),
                el('td', {'class': 'muted', text: fmtTime(r.since)})
            ])))]));
        $('wb-updated').textContent = t('wb.updated', {time: fmtTime(d.at)}) + ' · '
            + t('wb.since', {time: fmtDate(d.appealsSince) + ' ' + fmtTime(d.appealsSince)});
    }

    function entries(o) { return o ? Object.entries(o) : []; }

    const SVG = 'http://www.w3.org/2000/svg';
    function svg(tag, attrs, text) {
        const e = document.createElementNS(SVG, tag);
        Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
        if (text !== undefined) e.textContent = text;
        return e;
    }

    function bars(target, data, unavailable) {
        target.replaceChildren();
        if (unavailable || data.length === 0) {
            target.appendChild(svg('text', {x: 200, y: 95, 'text-anchor': 'middle', 'class': 'na'}, t('wb.na')));
            return;
        }
        const max = Math.max(1, ...data.map((d) => d[1]));
        const w = 360 / data.length;
        target.appendChild(svg('line', {x1: 20, y1: 150, x2: 390, y2: 150, 'class': 'axis'}));
        data.forEach(([label, v, cls], i) => {
            const h = Math.round(120 * v / max);
            const x = 25 + i * w;
            const bw = Math.max(8, Math.min(60, w - 14));
            target.appendChild(svg('rect', {x: x + (w - bw) / 2 - 5, y: 150 - h, width: bw, height: Math.max(h, 1),
                rx: 3, 'class': 'bar ' + cls}));
            target.appendChild(svg('text', {x: x + w / 2 - 5, y: 144 - h, 'text-anchor': 'middle'}, String(Math.round(v))));
            target.appendChild(svg('text', {x: x + w / 2 - 5, y: 166, 'text-anchor': 'middle'}, label));
        });
    }

    function line(target, points) {
        target.replaceChildren();
        target.appendChild(svg('line', {x1: 20, y1: 150, x2: 390, y2: 150, 'class': 'axis'}));
        if (points.length < 2) return;
        const max = Math.max(1, ...points);
        const step = 370 / (TREND_POINTS - 1);
        const start = 390 - step * (points.length - 1);
        const d = points.map((v, i) => (i ? 'L' : 'M') + (start + i * step).toFixed(1) + ' '
            + (150 - 120 * v / max).toFixed(1)).join(' ');
        target.appendChild(svg('path', {d: d, 'class': 'line'}));
        target.appendChild(svg('text', {x: 24, y: 24}, String(max)));
        target.appendChild(svg('text', {x: 390, y: 166, 'text-anchor': 'end'}, String(points[points.length - 1])));
    }

    // ---- wiring ----
    $('login-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        $('login-error').textContent = '';
        $('login-password').removeAttribute('aria-invalid');
        unlockAudio();
        askNotifications();
        try {
            state.me = await api('POST', 'api/login', {ext: $('login-ext').value.trim(), password: $('login-password').value});
            $('login-password').value = '';
            showApp();
        } catch (err) {
            $('login-password').value = '';
            // Back in the password field, marked invalid; the role=alert error below it is read out.
            $('login-password').setAttribute('aria-invalid', 'true');
            $('login-password').focus();
            // 429 is either this address waiting after wrong passwords (locked) or the gateway rationing
            // password checks (busy); both say how long to wait.
            $('login-error').textContent = err.status === 401 ? t('login.bad')
                : err.status === 429 ? t(err.code === 'busy' ? 'login.busy' : 'login.locked', {seconds: err.retryAfter})
                : t('login.failed');
        }
    });
    // The skip link lands in the shown pop's 诉求内容, else on the main area (the wallboard, the sign-in form).
    $('skip-link').addEventListener('click', (e) => {
        e.preventDefault();
        const field = !$('pops-pane').hidden && document.querySelector('[data-testid=pop] [data-testid=form-content]');
        if (field) field.focus();
        else if (!$('login-view').hidden) $('login-ext').focus();
        else $('main').focus();
    });
    $('logout').addEventListener('click', async () => {
        try { await api('POST', 'api/logout', {}); } catch (e) { /* signed out either way */ }
        showLogin();
    });
    document.addEventListener('pointerdown', unlockAudio);
    document.addEventListener('keydown', unlockAudio);
    $('lang').addEventListener('click', () => loadBundle(state.lang === 'zh' ? 'en' : 'zh'));
    document.querySelectorAll('.state-buttons button').forEach((b) =>
        b.addEventListener('click', () => setAgentState(b.dataset.state)));
    document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => selectTab(b.dataset.tab)));
    // Up and Down move between the recent calls (Tab still works); Enter or Space opens one.
    $('pop-list').addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        const items = Array.from($('pop-list').querySelectorAll('[data-testid=pop-item]'));
        const next = items[items.indexOf(document.activeElement) + (e.key === 'ArrowDown' ? 1 : -1)];
        if (next) { e.preventDefault(); next.focus(); }
    });

    (async function boot() {
        await loadBundle(state.lang);
        try {
            state.me = await api('GET', 'api/me');
            showApp();
        } catch (e) {
            showLogin();
        }
    })();
})();
