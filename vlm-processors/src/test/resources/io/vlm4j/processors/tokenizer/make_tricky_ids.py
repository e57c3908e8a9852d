# Expected ids for tricky-texts.json: an independent re-implementation of HF transformers 4.46 slow Qwen2Tokenizer and
# LlamaTokenizer (legacy=False) with SentencePiece BPE. Usage: make_tricky_ids.py QWEN2_MODEL_DIR LLAMA_MODEL_DIR TEXTS_JSON
import json, regex, unicodedata, sys
PAT = regex.compile(r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+""")
def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~")+1))+list(range(ord("¡"), ord("¬")+1))+list(range(ord("®"), ord("ÿ")+1))
    cs = bs[:]; n = 0
    for b in range(256):
        if b not in bs: bs.append(b); cs.append(256+n); n += 1
    return dict(zip(bs, map(chr, cs)))
def split_added(text, added):
    # leftmost-longest, as HF's Trie for these token sets
    out=[]; i=0; start=0
    while i < len(text):
        best=None
        for t in added:
            if text.startswith(t, i) and (best is None or len(t)>len(best)): best=t
        if best:
            if start<i: out.append(text[start:i])
            out.append(best); i+=len(best); start=i
        else: i+=1
    if start<len(text): out.append(text[start:])
    return out
class Qwen2:
    def __init__(self, d):
        self.enc=json.load(open(d+'/vocab.json'))
        merges=[tuple(l.split()) for i,l in enumerate(open(d+'/merges.txt',encoding='utf-8')) if not (i==0 and l.startswith('#version')) and l.strip()]
        self.ranks=dict(zip(merges, range(len(merges))))
        cfg=json.load(open(d+'/tokenizer_config.json'))
        self.added={v['content']:int(k) for k,v in cfg['added_tokens_decoder'].items()}
        self.be=bytes_to_unicode()
    def bpe(self, token):
        word=tuple(token)
        while len(word)>1:
            pairs=set(zip(word,word[1:]))
            bigram=min(pairs,key=lambda p:self.ranks.get(p,float('inf')))
            if bigram not in self.ranks: break
            a,b=bigram; nw=[]; i=0
            while i<len(word):
                if i<len(word)-1 and word[i]==a and word[i+1]==b: nw.append(a+b); i+=2
                else: nw.append(word[i]); i+=1
            word=tuple(nw)
        return list(word)
    def encode(self, text):
        text=unicodedata.normalize('NFC', text); ids=[]
        for seg in split_added(text, self.added):
            if seg in self.added: ids.append(self.added[seg]); continue
            for w in PAT.findall(seg):
                for t in self.bpe(''.join(self.be[b] for b in w.encode('utf-8'))): ids.append(self.enc[t])
        return ids
def read_sp(path):
    b=open(path,'rb').read()
    def varint(p):
        v=0;s=0
        while True:
            x=b[p];p+=1;v|=(x&0x7f)<<s;s+=7
            if x<0x80: return v,p
    import struct
    pieces=[]; p=0
    while p<len(b):
        t,p=varint(p); f=t>>3; w=t&7
        l,p=varint(p)
        if f==1:
            q=p; e=p+l; piece=None; score=0.0; typ=1
            while q<e:
                tt,q=varint(q); ff=tt>>3; ww=tt&7
                if ff==1: ll,q=varint(q); piece=b[q:q+ll].decode('utf-8'); q+=ll
                elif ff==2: score=struct.unpack('<f',b[q:q+4])[0]; q+=4
                elif ff==3: typ,q=varint(q)
            pieces.append((piece,score,typ))
        p+=l
    return pieces
class Llama:
    def __init__(self, d):
        self.pieces=read_sp(d+'/tokenizer.model')
        self.ids={p:i for i,(p,s,t) in enumerate(self.pieces)}
        self.normal={p:(i,s) for i,(p,s,t) in enumerate(self.pieces) if t in (1,4,5)}
        cfg=json.load(open(d+'/tokenizer_config.json'))
        self.added={v['content']:int(k) for k,v in cfg['added_tokens_decoder'].items()}
        self.special={cfg[k] for k in ('bos_token','eos_token','unk_token','pad_token') if cfg.get(k)}
        self.unk_len=len(self.sp_encode('<unk>'))
    def sp_encode(self, text):
        s=text.replace(' ','\u2581')
        if not s: return []
        syms=list(s)
        while True:
            best=None
            for i in range(len(syms)-1):
                m=syms[i]+syms[i+1]
                if m in self.normal:
                    sc=self.normal[m][1]
                    if best is None or sc>best[0]: best=(sc,i)
            if best is None: break
            i=best[1]; syms[i:i+2]=[syms[i]+syms[i+1]]
        ids=[]
        for y in syms:
            if y in self.normal: ids.append(self.normal[y][0])
            else:
                for byte in y.encode('utf-8'): ids.append(self.ids['<0x%02X>'%byte])
        return ids
    def encode(self, text):
        if not text: return [1]
        text='\u2581'+text.replace('\u2581',' ')
        toks=[]
        for seg in split_added(text, self.added):
            if seg in self.added: toks.append(('A',self.added[seg],seg)); continue
            if seg.startswith(('\u2581',' ')): ids=self.sp_encode('<unk>'+seg)[self.unk_len:]
            else: ids=self.sp_encode(seg)
            toks += [('P',i,self.pieces[i][0]) for i in ids]
        if len(toks)>1 and toks[0][2]=='\u2581' and toks[1][2] in self.special: toks=toks[1:]
        return [1]+[t[1] for t in toks]
TEXTS = json.load(open(sys.argv[3]))
q=Qwen2(sys.argv[1]); l=Llama(sys.argv[2])
out={'qwen2':[q.encode(t) for t in TEXTS['qwen2']], 'llama':[l.encode(t) for t in TEXTS['llama']]}
json.dump(out, sys.stdout)
