#!/usr/bin/env node
'use strict';
/*
 * Launcher for the independent Bot API emulator `telegram-test-api` (4.2.1, installed next to this
 * file by `npm ci`). It never edits the package: it builds the package's TelegramServer, keeps the
 * emulator's storage, ids and routes, and serves the emulator's own express app behind a thin outer
 * app on our own HTTP server, which bridges what a real Bot API client (TelegramBots 10.x) trips on.
 *
 * Usage:  node launch.js [PORT] [--port PORT] [--host HOST] [--log]
 *         PORT also from EMULATOR_PORT; 0 (the default) picks a free port. HOST defaults to 127.0.0.1.
 *         Prints exactly one line `READY <port>` on stdout once listening; logs go to stderr
 *         (every bot call with --log or EMULATOR_LOG=1). Exits on SIGTERM/SIGINT, and when stdin is
 *         a pipe that closes (so a test JVM that dies takes the emulator with it; a terminal or
 *         /dev/null stdin is not watched, so `node launch.js 8081 &` keeps running).
 *
 * Bot side (/bot<token>/<method>):
 *  - Method names are case-insensitive (TelegramBots posts to /bot<token>/sendmessage); JSON,
 *    urlencoded and query-string parameters all work; JSON-encoded string fields are decoded.
 *  - getMe: adds `is_bot: true`, the id from the token's numeric prefix (the emulator says 666),
 *    and the capability flags. The same bot user is the `from` of every bot message.
 *  - getUpdates: real long polling: waits up to the request's `timeout` seconds (checking every
 *    100 ms) and answers as soon as updates exist, instead of answering [] at once. Offsets follow
 *    the Bot API: an update stays deliverable until a later call's `offset` passes it (the
 *    emulator marks updates read as soon as it returns them, losing any the bot had not
 *    committed). `limit` and `allowed_updates` are honoured; a second concurrent poll for the same
 *    token ends the first with 409 Conflict, as Telegram does; getUpdates with a webhook set is 409.
 *  - Updates: `message` objects lose the emulator's internal `botToken` field; callback queries keep
 *    `chat_instance`; user message edits arrive as `edited_message`.
 *  - sendMessage / editMessageText / editMessageReplyMarkup answer a real Message: `date` in
 *    seconds (the emulator gives milliseconds, which overflows TelegramBots' Integer), `from` = the
 *    bot, `chat` as users' messages showed it (else typed from the id: -100… supergroup, other
 *    negative group, positive private), HTML reduced to its visible text, `reply_to_message`
 *    resolved, `edit_date` on edits, only inline keyboards echoed. The emulator answers null for
 *    the edits.
 *  - Checks the real Bot API makes and the emulator does not, answered as Bot API 400 errors:
 *    empty text, text over 4096 characters after entity parsing, HTML parse_mode with an
 *    unsupported or unbalanced tag ("can't parse entities"), callback_data over 64 bytes,
 *    reply_parameters pointing at no message in the chat ("message to be replied not found"
 *    unless allow_sending_without_reply), editing a message that does not exist ("message to edit
 *    not found") or with identical content ("message is not modified"), answerCallbackQuery with
 *    an unknown id or text over 200 characters.
 *  - editMessageText / editMessageReplyMarkup without reply_markup remove the inline keyboard (the
 *    emulator keeps the old one); editMessageText without parse_mode drops the old parse_mode.
 *  - answerCallbackQuery, deleteMessage, setWebhook return `true` instead of null; answers to
 *    callback queries are recorded (POST /callbackAnswers shows them).
 *  - Methods the emulator lacks (setMessageReaction, sendDocument, sendPhoto, getChat, …) answer
 *    HTTP 400 {"ok":false,"error_code":400,"description":"Bad Request: method '…' is not supported
 *    by the emulator"}; any emulator error becomes {"ok":false,"error_code":…,"description":…}
 *    instead of its non-API {"message":…} with HTTP 500.
 *
 * Client side (the emulator's HTTP API for tests acting as users; JSON POSTs):
 *  - POST /sendMessage (the emulator's route, extended): {token|botToken, chat:{id,type,title?} or
 *    chat_id (+ chat_type), from:{id,first_name,…}, text, reply_to_message_id?, message_thread_id?,
 *    any other Message fields (sender_chat, is_automatic_forward, forward_origin, caption, photo…)}.
 *    Fills what a real update carries: chat.type (from the id when absent) and a group `title`,
 *    from.is_bot false, date in seconds, and `reply_to_message` as the full replied-to message
 *    (its `from` is the bot for a bot message). Answers {ok, result: the update as getUpdates will
 *    deliver it} so the test learns message_id and update_id (the emulator answers null).
 *  - POST /sendCallback (extended): {token|botToken, chat_id, message_id, from:{id,…} or user_id,
 *    data, force?}: a press of an inline button on a bot message. The update carries the bot
 *    message as the real Message, `chat_instance`, `data`; a press of a button the message does not
 *    (or no longer) show is refused unless force:true. Answers {ok, result: the update}.
 *  - POST /editMessage (new): {token, chat_id, message_id, text}: the user edits their message;
 *    the bot gets an `edited_message` with `edit_date`.
 *  - POST /callbackAnswers (new): {token}: what the bot answered to callback queries, in order.
 *  - POST /getUpdatesHistory and POST /getUpdates (the emulator's, unchanged): what the bot sent
 *    (history entries with `message.chat_id` are the bot's requests, merged with later edits).
 *
 * Not bridged: messages are stored in memory only (the emulator's 60 s clean-up is not started, so
 * nothing vanishes mid-test); inline mode, media, files and webhooks beyond the emulator's own are
 * absent; MarkdownV2 is not parsed; rate limits (429) are never produced.
 */

const fs = require('fs');
const http = require('http');
const path = require('path');

const PACKAGE_DIR = path.dirname(require.resolve('telegram-test-api/package.json', { paths: [__dirname] }));
const TelegramServer = require(PACKAGE_DIR);
// express is the emulator's own dependency; resolve it from the package so hoisting does not matter.
const express = require(require.resolve('express', { paths: [PACKAGE_DIR] }));

const POLL_INTERVAL_MS = 100;
const MAX_TEXT = 4096;
const MAX_CALLBACK_DATA_BYTES = 64;
const MAX_CALLBACK_ANSWER = 200;
const BOT_FIRST_NAME = 'Test First name'; // what the emulator's getMe says
const BOT_USERNAME = 'TestNameBot';
const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span',
  'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const JSON_FIELDS = ['reply_markup', 'reply_parameters', 'entities', 'allowed_updates',
  'link_preview_options', 'caption_entities'];

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = {
    port: process.env.EMULATOR_PORT !== undefined ? Number(process.env.EMULATOR_PORT) : 0,
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    log: process.env.EMULATOR_LOG === '1',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') opts.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--host') opts.host = argv[++i];
    else if (a.startsWith('--host=')) opts.host = a.slice(7);
    else if (a === '--log') opts.log = true;
    else if (a === '--help' || a === '-h') {
      process.stderr.write('Usage: node launch.js [PORT] [--port PORT] [--host HOST] [--log]\n');
      process.exit(0);
    } else if (/^\d+$/.test(a)) opts.port = Number(a);
    else {
      process.stderr.write(`launch.js: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    process.stderr.write(`launch.js: bad port ${opts.port}\n`);
    process.exit(2);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const log = (...parts) => { if (opts.log) process.stderr.write(`[emulator] ${parts.join(' ')}\n`); };
const warn = (...parts) => process.stderr.write(`[emulator] ${parts.join(' ')}\n`);

// ---------------------------------------------------------------------------------------------
// The emulator itself. Not start()ed: we serve its express app on our own server (port 0 works,
// and its storage clean-up daemon, which drops messages after storeTimeout, stays off).

const emu = new TelegramServer({ host: opts.host, port: opts.port || 9000, storeTimeout: 24 * 3600 });

const chats = new Map(); // String(chat id) -> chat object as users' messages showed it
const confirmedOffset = new Map(); // token -> lowest update_id not yet confirmed
const allowedUpdates = new Map(); // token -> Set of update types, absent = all
const polls = new Map(); // token -> the pending long poll's {finish}
const callbackAnswers = []; // {token, callback_query_id, text, show_alert, url, cache_time, data, from, time}

class ApiError extends Error {
  constructor(status, description) {
    super(description);
    this.status = status;
  }
}
const badRequest = (description) => new ApiError(400, `Bad Request: ${description}`);

const nowSeconds = () => Math.floor(Date.now() / 1000);
const toSeconds = (t) => (t > 1e11 ? Math.floor(t / 1000) : Math.floor(t));

function botUser(token) {
  const m = /^(\d+):/.exec(String(token));
  return { id: m ? Number(m[1]) : 666, is_bot: true, first_name: BOT_FIRST_NAME, username: BOT_USERNAME };
}

function defaultChat(id) {
  if (id <= -1000000000000) return { id, type: 'supergroup', title: `Chat ${id}` };
  if (id < 0) return { id, type: 'group', title: `Chat ${id}` };
  return { id, type: 'private', first_name: `User ${id}` };
}

function chatFor(id) {
  return chats.get(String(Number(id))) || defaultChat(Number(id));
}

function decodeJsonFields(params) {
  for (const f of JSON_FIELDS) {
    if (typeof params[f] === 'string' && /^\s*[[{]/.test(params[f])) {
      try {
        params[f] = JSON.parse(params[f]);
      } catch (e) {
        throw badRequest(`can't parse ${f} JSON object`);
      }
    }
  }
  return params;
}

// ---------------------------------------------------------------------------------------------
// Text checks (HTML as Telegram parses it, lengths, keyboards)

function decodeEntities(s) {
  return s.replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/g, (all, e) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    try {
      return String.fromCodePoint(code);
    } catch (err) {
      return all;
    }
  });
}

/** Throws the Bot API's "can't parse entities" for what Telegram's HTML parser refuses. */
function checkHtml(text) {
  const stack = [];
  const re = /<[^<>]*>?/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const raw = m[0];
    const offset = Buffer.byteLength(text.slice(0, m.index));
    if (!raw.endsWith('>')) {
      throw badRequest(`can't parse entities: Unclosed start tag at byte offset ${offset}`);
    }
    const closing = raw.startsWith('</');
    const name = (/^<\/?\s*([a-zA-Z][a-zA-Z0-9-]*)/.exec(raw) || [])[1];
    if (!name) {
      throw badRequest(`can't parse entities: Unsupported start tag "${raw.slice(1, -1)}" at byte offset ${offset}`);
    }
    const tag = name.toLowerCase();
    if (!closing) {
      if (!HTML_TAGS.has(tag)) {
        throw badRequest(`can't parse entities: Unsupported start tag "${tag}" at byte offset ${offset}`);
      }
      stack.push(tag);
    } else {
      const open = stack.pop();
      if (open === undefined) {
        throw badRequest(`can't parse entities: Unexpected end tag at byte offset ${offset}`);
      }
      if (open !== tag) {
        throw badRequest(`can't parse entities: Unmatched end tag at byte offset ${offset}, expected "</${open}>", found "</${tag}>"`);
      }
    }
  }
  if (stack.length > 0) {
    throw badRequest(`can't parse entities: Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"`);
  }
}

function isHtml(parseMode) {
  return typeof parseMode === 'string' && parseMode.toLowerCase() === 'html';
}

/** The text a user sees: for HTML, tags removed and entities decoded. */
function visibleText(text, parseMode) {
  if (text === undefined || text === null) return text;
  const s = String(text);
  return isHtml(parseMode) ? decodeEntities(s.replace(/<[^>]*>/g, '')) : s;
}

function checkText(text, parseMode) {
  if (text === undefined || text === null || String(text).length === 0) {
    throw badRequest('message text is empty');
  }
  if (isHtml(parseMode)) checkHtml(String(text));
  const visible = visibleText(text, parseMode);
  if (visible.trim().length === 0) throw badRequest('message text is empty');
  if (visible.length > MAX_TEXT) throw badRequest('message is too long');
}

function inlineKeyboard(markup) {
  return markup && typeof markup === 'object' && Array.isArray(markup.inline_keyboard) ? markup : undefined;
}

function checkKeyboard(markup) {
  const kb = inlineKeyboard(markup);
  if (!kb) return;
  for (const row of kb.inline_keyboard) {
    if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" must be an Array of Arrays');
    for (const button of row) {
      if ('callback_data' in button) {
        const bytes = Buffer.byteLength(String(button.callback_data));
        if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest('BUTTON_DATA_INVALID');
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Looking messages up in the emulator's storage and showing them as the Bot API does

function sameId(a, b) {
  return a !== undefined && a !== null && b !== undefined && b !== null && String(Number(a)) === String(Number(b));
}

function findBotEntry(token, chatId, messageId) {
  return emu.storage.botMessages.find((e) => e.botToken === token
    && sameId(e.message.chat_id, chatId) && sameId(e.messageId, messageId));
}

function findUserEntry(token, chatId, messageId) {
  return emu.storage.userMessages.find((e) => e.botToken === token && !e.edited && e.message
    && e.message.chat && sameId(e.message.chat.id, chatId) && sameId(e.messageId, messageId));
}

/** A stored bot message as the Bot API's Message; depth > 0 leaves out reply_to_message. */
function botMessageView(entry, depth = 0) {
  const m = entry.message;
  const view = {
    message_id: entry.messageId,
    from: botUser(entry.botToken),
    chat: chatFor(m.chat_id),
    date: toSeconds(entry.time),
  };
  if (m.message_thread_id !== undefined && m.message_thread_id !== null) {
    view.message_thread_id = Number(m.message_thread_id);
  }
  if (m.text !== undefined) view.text = visibleText(m.text, m.parse_mode);
  if (m.edit_date) view.edit_date = m.edit_date;
  const kb = inlineKeyboard(m.reply_markup);
  if (kb) view.reply_markup = { inline_keyboard: kb.inline_keyboard };
  const target = replyTarget(m);
  if (depth === 0 && target) {
    const replied = messageView(entry.botToken, target.chat_id, target.message_id, 1);
    if (replied) view.reply_to_message = replied;
  }
  return view;
}

/** A stored user message as the Bot API's Message (no internal fields). */
function userMessageView(entry, depth = 0) {
  const { botToken, ...rest } = entry.message; // eslint-disable-line no-unused-vars
  const view = { ...rest, message_id: entry.messageId };
  if (depth > 0) delete view.reply_to_message;
  return view;
}

function messageView(token, chatId, messageId, depth = 0) {
  const bot = findBotEntry(token, chatId, messageId);
  if (bot) return botMessageView(bot, depth);
  const user = findUserEntry(token, chatId, messageId);
  return user ? userMessageView(user, depth) : undefined;
}

function replyTarget(params) {
  const rp = params.reply_parameters;
  if (rp && typeof rp === 'object' && rp.message_id !== undefined) {
    return {
      chat_id: rp.chat_id !== undefined ? rp.chat_id : params.chat_id,
      message_id: rp.message_id,
      allow: Boolean(rp.allow_sending_without_reply),
    };
  }
  if (params.reply_to_message_id !== undefined && params.reply_to_message_id !== null) {
    return {
      chat_id: params.chat_id,
      message_id: params.reply_to_message_id,
      allow: Boolean(params.allow_sending_without_reply),
    };
  }
  return undefined;
}

function updateType(entry) {
  if ('callbackQuery' in entry) return 'callback_query';
  return entry.edited ? 'edited_message' : 'message';
}

/** The emulator's own update formatting, minus its internal fields, plus what it drops. */
function formatUpdate(entry) {
  const update = TelegramServer.formatUpdate(entry);
  if (update.callback_query) {
    const { botToken, date, ...cq } = entry.callbackQuery; // eslint-disable-line no-unused-vars
    update.callback_query = { ...cq, ...update.callback_query };
    return update;
  }
  delete update.message.botToken;
  if (entry.edited) {
    update.edited_message = update.message;
    delete update.message;
  }
  return update;
}

// ---------------------------------------------------------------------------------------------
// The outer app

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '10mb', type: ['application/json', 'application/*+json'] }));
app.use(express.urlencoded({ extended: true, limit: '10mb' }));

function sendBotError(res, error) {
  const status = error instanceof ApiError ? error.status : 500;
  const description = error instanceof ApiError ? error.message : `Internal Server Error: ${error.message}`;
  if (!(error instanceof ApiError)) warn('bot method failed:', error.stack || error);
  if (!res.headersSent) res.status(status).json({ ok: false, error_code: status, description });
}

/**
 * Runs the emulator's own route for this request; `transform` turns its successful answer into
 * what the Bot API answers. Emulator errors ({message} with HTTP 500) become Bot API errors.
 */
function delegate(req, res, canonical, transform) {
  req.url = req.url.replace(/^(\/bot[^/]*\/)[^/?]*/, `$1${canonical}`);
  const json = res.json.bind(res);
  res.json = (body) => {
    res.json = json;
    try {
      if (!body || typeof body !== 'object' || !('ok' in body)) {
        const status = res.statusCode >= 400 ? res.statusCode : 500;
        const description = body && body.message ? body.message : 'the emulator failed';
        return res.status(status).json({ ok: false, error_code: status, description });
      }
      return json(body.ok && transform ? transform(body) : body);
    } catch (error) {
      res.statusCode = error instanceof ApiError ? error.status : 500;
      return sendBotError(res, error);
    }
  };
  emu.webServer(req, res, (error) => sendBotError(res, error || new ApiError(404, 'Not Found')));
}

const BOT_METHODS = {
  getme(req, res, token) {
    delegate(req, res, 'getMe', (body) => ({
      ok: true,
      result: {
        ...body.result,
        ...botUser(token),
        can_join_groups: true,
        can_read_all_group_messages: true,
        supports_inline_queries: false,
      },
    }));
  },

  getupdates(req, res, token, params) {
    getUpdates(req, res, token, params);
  },

  sendmessage(req, res, token, params) {
    if (params.chat_id === undefined || params.chat_id === '') throw badRequest('chat_id is empty');
    checkText(params.text, params.parse_mode);
    checkKeyboard(params.reply_markup);
    const target = replyTarget(params);
    if (target && !target.allow && !messageView(token, target.chat_id, target.message_id, 1)) {
      throw badRequest('message to be replied not found');
    }
    delegate(req, res, 'sendMessage', (body) => {
      const entry = emu.storage.botMessages.find((e) => e.botToken === token
        && e.messageId === body.result.message_id);
      return { ok: true, result: botMessageView(entry) };
    });
  },

  editmessagetext(req, res, token, params) {
    if (params.inline_message_id) throw badRequest('inline messages are not supported by the emulator');
    const entry = findBotEntry(token, params.chat_id, params.message_id);
    if (!entry) throw badRequest('message to edit not found');
    checkText(params.text, params.parse_mode);
    checkKeyboard(params.reply_markup);
    const before = entry.message;
    if (String(before.text) === String(params.text)
        && String(before.parse_mode || '') === String(params.parse_mode || '')
        && sameMarkup(before.reply_markup, params.reply_markup)) {
      throw notModified();
    }
    delegate(req, res, 'editMessageText', () => {
      const m = entry.message; // the emulator replaced it with a merged copy
      if (!inlineKeyboard(params.reply_markup)) delete m.reply_markup;
      if (!('parse_mode' in params)) delete m.parse_mode;
      if (!('entities' in params)) delete m.entities;
      m.edit_date = nowSeconds();
      return { ok: true, result: botMessageView(entry) };
    });
  },

  editmessagereplymarkup(req, res, token, params) {
    if (params.inline_message_id) throw badRequest('inline messages are not supported by the emulator');
    const entry = findBotEntry(token, params.chat_id, params.message_id);
    if (!entry) throw badRequest('message to edit not found');
    checkKeyboard(params.reply_markup);
    if (sameMarkup(entry.message.reply_markup, params.reply_markup)) throw notModified();
    delegate(req, res, 'editMessageReplyMarkup', () => {
      const m = entry.message;
      if (!inlineKeyboard(params.reply_markup)) delete m.reply_markup;
      m.edit_date = nowSeconds();
      return { ok: true, result: botMessageView(entry) };
    });
  },

  answercallbackquery(req, res, token, params) {
    const id = params.callback_query_id;
    const entry = emu.storage.userMessages.find((e) => e.botToken === token && 'callbackQuery' in e
      && String(e.callbackId) === String(id));
    if (!entry) throw badRequest('query is too old and response timeout expired or query ID is invalid');
    if (params.text !== undefined && String(params.text).length > MAX_CALLBACK_ANSWER) {
      throw badRequest('MESSAGE_TOO_LONG');
    }
    delegate(req, res, 'answerCallbackQuery', () => {
      callbackAnswers.push({
        token,
        callback_query_id: String(id),
        text: params.text,
        show_alert: Boolean(params.show_alert === true || params.show_alert === 'true'),
        url: params.url,
        cache_time: params.cache_time,
        data: entry.callbackQuery.data,
        from: entry.callbackQuery.from,
        time: Date.now(),
      });
      return { ok: true, result: true };
    });
  },

  deletemessage(req, res) {
    delegate(req, res, 'deleteMessage', () => ({ ok: true, result: true }));
  },

  setwebhook(req, res) {
    delegate(req, res, 'setWebhook', () => ({ ok: true, result: true, description: 'Webhook was set' }));
  },

  deletewebhook(req, res) {
    delegate(req, res, 'deleteWebhook', (body) => body);
  },
};

function notModified() {
  return badRequest('message is not modified: specified new message content and reply markup are'
    + ' exactly the same as a content and reply markup of the current message');
}

function sameMarkup(a, b) {
  const ka = inlineKeyboard(a);
  const kb = inlineKeyboard(b);
  if (!ka || !kb) return !ka && !kb;
  return JSON.stringify(ka.inline_keyboard) === JSON.stringify(kb.inline_keyboard);
}

app.all('/bot:token/:method', (req, res) => {
  const { token, method } = req.params;
  const handler = BOT_METHODS[method.toLowerCase()];
  try {
    if (req.method !== 'GET' && req.method !== 'POST') {
      throw new ApiError(405, `Method Not Allowed: HTTP ${req.method} is not used by the Bot API`);
    }
    const params = decodeJsonFields({ ...req.query, ...(req.body && typeof req.body === 'object' ? req.body : {}) });
    req.body = params;
    if (method.toLowerCase() !== 'getupdates') log(method, JSON.stringify(params));
    if (!handler) throw badRequest(`method '${method}' is not supported by the emulator`);
    handler(req, res, token, params);
  } catch (error) {
    if (error instanceof ApiError) log(method, '->', error.status, error.message);
    sendBotError(res, error);
  }
});

// ---------------------------------------------------------------------------------------------
// getUpdates: long polling with Bot API offsets

function pendingUpdates(token, limit) {
  const floor = confirmedOffset.get(token) || 0;
  const allowed = allowedUpdates.get(token);
  return emu.storage.userMessages
    .filter((e) => e.botToken === token && e.updateId >= floor && (!allowed || allowed.has(updateType(e))))
    .sort((a, b) => a.updateId - b.updateId)
    .slice(0, limit);
}

function confirm(token, offset) {
  const mine = emu.storage.userMessages.filter((e) => e.botToken === token);
  let floor = confirmedOffset.get(token) || 0;
  if (offset < 0) {
    const left = mine.filter((e) => e.updateId >= floor).sort((a, b) => a.updateId - b.updateId);
    const keep = left.slice(Math.max(0, left.length + offset));
    floor = keep.length > 0 ? keep[0].updateId : floor;
  } else if (offset > floor) {
    floor = offset;
  }
  confirmedOffset.set(token, floor);
  for (const e of mine) {
    if (e.updateId < floor) e.isRead = true; // what the emulator's own getUpdates would have marked
  }
}

function getUpdates(req, res, token, params) {
  if (emu.webhooks[token]) {
    throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active;"
      + ' use deleteWebhook to delete the webhook first');
  }
  const offset = params.offset === undefined || params.offset === '' ? 0 : Math.trunc(Number(params.offset));
  const limitParam = Number(params.limit);
  const limit = Number.isFinite(limitParam) && limitParam > 0 ? Math.min(100, Math.trunc(limitParam)) : 100;
  const timeout = Math.max(0, Number(params.timeout) || 0);
  if (Array.isArray(params.allowed_updates)) {
    allowedUpdates.set(token, params.allowed_updates.length > 0 ? new Set(params.allowed_updates) : undefined);
  }
  const previous = polls.get(token);
  if (previous) {
    previous.finish(409, { ok: false, error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
  }
  confirm(token, offset);

  const deadline = Date.now() + timeout * 1000;
  let timer = null;
  let done = false;
  const poll = {
    finish(status, body) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (polls.get(token) === poll) polls.delete(token);
      if (!res.headersSent && !res.destroyed) res.status(status).json(body);
    },
  };
  const tick = () => {
    const updates = pendingUpdates(token, limit);
    if (updates.length > 0 || Date.now() >= deadline) {
      if (updates.length > 0) log('getUpdates ->', updates.map((u) => u.updateId).join(','));
      poll.finish(200, { ok: true, result: updates.map(formatUpdate) });
      return;
    }
    timer = setTimeout(tick, Math.min(POLL_INTERVAL_MS, Math.max(1, deadline - Date.now())));
  };
  polls.set(token, poll);
  res.on('close', () => { // the client went away: stop polling for it
    if (!done) {
      done = true;
      clearTimeout(timer);
      if (polls.get(token) === poll) polls.delete(token);
    }
  });
  tick();
}

// ---------------------------------------------------------------------------------------------
// Client side: acting as users

function clientToken(body) {
  const token = body.token || body.botToken;
  if (!token) throw new ApiError(400, 'token (or botToken) is required');
  return String(token);
}

function normalizeChat(chat, chatType, from) {
  const id = Number(chat.id);
  if (!Number.isFinite(id)) throw new ApiError(400, 'chat.id (or chat_id) must be a number');
  const type = chat.type || chatType || defaultChat(id).type;
  if (type === 'private') {
    const out = { id, type, first_name: chat.first_name || (from && from.first_name) || `User ${id}` };
    for (const k of ['last_name', 'username']) if (chat[k] !== undefined) out[k] = chat[k];
    return out;
  }
  const out = { id, type, title: chat.title || (chats.get(String(id)) || {}).title || `Chat ${id}` };
  for (const k of ['username', 'is_forum', 'is_direct_messages']) if (chat[k] !== undefined) out[k] = chat[k];
  return out;
}

function normalizeUser(user, fallbackId, fallbackName) {
  const u = { ...(user || {}) };
  if (u.id === undefined && fallbackId !== undefined) u.id = fallbackId;
  if (u.id === undefined) throw new ApiError(400, 'from.id (or user_id) is required');
  u.id = Number(u.id);
  u.is_bot = Boolean(u.is_bot);
  u.first_name = u.first_name || fallbackName || `User ${u.id}`;
  return u;
}

function normalizeUserMessage(body) {
  const token = clientToken(body);
  const {
    token: _t, botToken: _b, chat_id: chatId, chat_type: chatType, user_id: userId, first_name: firstName, // eslint-disable-line camelcase
    reply_to_message_id: replyTo, message_id: _m, update_id: _u, ...rest
  } = body;
  const m = { ...rest, botToken: token };
  if (!m.sender_chat || m.from) m.from = normalizeUser(m.from, userId, firstName);
  const chat = m.chat || (chatId !== undefined ? { id: chatId } : undefined);
  if (!chat) throw new ApiError(400, 'chat (or chat_id) is required');
  m.chat = normalizeChat(chat, chatType, m.from);
  m.date = m.date === undefined ? nowSeconds() : toSeconds(Number(m.date));
  if (m.message_thread_id !== undefined) m.message_thread_id = Number(m.message_thread_id);
  if (replyTo !== undefined && replyTo !== null) {
    const replied = messageView(token, m.chat.id, replyTo, 1);
    if (!replied) throw new ApiError(400, `no message ${replyTo} in chat ${m.chat.id} to reply to`);
    m.reply_to_message = replied;
  } else if (m.reply_to_message && typeof m.reply_to_message === 'object') {
    const { botToken, reply_to_message: _nested, ...r } = m.reply_to_message; // eslint-disable-line no-unused-vars
    m.reply_to_message = r;
  }
  return m;
}

function asyncRoute(handler) {
  return (req, res) => {
    Promise.resolve()
      .then(() => handler(req, res, req.body && typeof req.body === 'object' ? req.body : {}))
      .catch((error) => {
        const status = error instanceof ApiError ? error.status : 500;
        if (status >= 500) warn('client route failed:', error.stack || error);
        if (!res.headersSent) res.status(status).json({ ok: false, error_code: status, description: error.message });
      });
  };
}

function storedUpdate(updateId) {
  return emu.storage.userMessages.find((e) => e.updateId === updateId);
}

app.post('/sendMessage', asyncRoute(async (req, res, body) => {
  const message = normalizeUserMessage(body);
  chats.set(String(message.chat.id), message.chat);
  const updateId = emu.updateId;
  const messageId = emu.messageId;
  await emu.addUserMessage(message); // the emulator assigns update_id and message_id and stores it
  const entry = storedUpdate(updateId) || { updateId, messageId, message };
  log('user message', entry.messageId, 'in', message.chat.id, 'from', message.from && message.from.id);
  res.json({ ok: true, result: formatUpdate(entry) });
}));

app.post('/sendCallback', asyncRoute(async (req, res, body) => {
  const token = clientToken(body);
  const chatId = body.chat_id !== undefined ? body.chat_id : body.message && body.message.chat && body.message.chat.id;
  const messageId = body.message_id !== undefined ? body.message_id : body.message && body.message.message_id;
  const entry = findBotEntry(token, chatId, messageId);
  if (!entry) throw new ApiError(400, `the bot sent no message ${messageId} to chat ${chatId}`);
  const data = body.data === undefined ? undefined : String(body.data);
  const kb = inlineKeyboard(entry.message.reply_markup);
  const offered = kb && kb.inline_keyboard.some((row) => row.some((b) => b.callback_data === data));
  if (!offered && !body.force) {
    throw new ApiError(400, `message ${messageId} shows no button with callback_data ${JSON.stringify(data)}`);
  }
  const callbackQuery = {
    botToken: token,
    from: normalizeUser(body.from, body.user_id, body.first_name),
    message: botMessageView(entry),
    chat_instance: String(Math.abs(Number(chatId))),
    data,
  };
  const updateId = emu.updateId;
  const callbackId = emu.callbackId;
  await emu.addUserCallback(callbackQuery);
  const stored = storedUpdate(updateId) || { updateId, callbackId, callbackQuery };
  log('button press', data, 'on', messageId, 'by', callbackQuery.from.id);
  res.json({ ok: true, result: formatUpdate(stored) });
}));

app.post('/editMessage', asyncRoute(async (req, res, body) => {
  const token = clientToken(body);
  const original = findUserEntry(token, body.chat_id, body.message_id);
  if (!original) throw new ApiError(400, `no user message ${body.message_id} in chat ${body.chat_id}`);
  const edited = { ...original.message, text: body.text, edit_date: nowSeconds() };
  if (body.caption !== undefined) edited.caption = body.caption;
  const updateId = emu.updateId;
  const entry = { ...emu.getCommonFields(token), messageId: original.messageId, message: edited, edited: true };
  await emu.addUserUpdate(entry); // stored like the emulator's own updates, so history shows it
  res.json({ ok: true, result: formatUpdate(storedUpdate(updateId) || entry) });
}));

app.post('/callbackAnswers', asyncRoute((req, res, body) => {
  const token = clientToken(body);
  res.json({ ok: true, result: callbackAnswers.filter((a) => a.token === token).map(({ token: _t, ...a }) => a) });
}));

app.use(emu.webServer); // the emulator's own client routes (/getUpdates, /getUpdatesHistory, /sendCommand)

app.use((error, req, res, next) => { // eslint-disable-line no-unused-vars
  const parseError = error && (error.type === 'entity.parse.failed' || error.status === 400);
  if (req.path.startsWith('/bot')) {
    sendBotError(res, parseError ? badRequest(`can't parse request: ${error.message}`) : error);
  } else if (!res.headersSent) {
    res.status(parseError ? 400 : 500).json({ ok: false, description: String(error && error.message) });
  }
});

// ---------------------------------------------------------------------------------------------
// Serving and stopping

const server = http.createServer(app);
server.keepAliveTimeout = 65000;
let stopping = false;

function stop(reason) {
  if (stopping) return;
  stopping = true;
  log('stopping:', reason);
  for (const poll of polls.values()) poll.finish(200, { ok: true, result: [] });
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
try {
  const stdin = fs.fstatSync(0);
  if (stdin.isFIFO() || stdin.isSocket()) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin failed'));
    process.stdin.resume();
  }
} catch (e) {
  // no stdin at all: nothing to watch
}

server.on('error', (error) => {
  warn(`cannot listen on ${opts.host}:${opts.port}: ${error.message}`);
  process.exit(1);
});
server.listen(opts.port, opts.host, () => {
  const { port } = server.address();
  emu.config.port = port;
  emu.config.apiURL = `http://${opts.host}:${port}`;
  process.stdout.write(`READY ${port}\n`);
});
