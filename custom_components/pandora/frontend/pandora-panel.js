/*! Pandora panel for Home Assistant. Bundles Lit (BSD-3-Clause, Google LLC) and Material Design Icons paths from @mdi/js (Apache-2.0, Pictogrammers). */
var e=Object.defineProperty,t=(e,t,n)=>()=>{if(n)throw n[0];try{return e&&(t=e(e=0)),t}catch(e){throw n=[e],e}},n=(t,n)=>{let r={};for(var i in t)e(r,i,{get:t[i],enumerable:!0});return n||e(r,Symbol.toStringTag,{value:`Module`}),r},r=globalThis,i=r.ShadowRoot&&(r.ShadyCSS===void 0||r.ShadyCSS.nativeShadow)&&`adoptedStyleSheets`in Document.prototype&&`replace`in CSSStyleSheet.prototype,a=Symbol(),o=new WeakMap,s=class{constructor(e,t,n){if(this._$cssResult$=!0,n!==a)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(i&&e===void 0){let n=t!==void 0&&t.length===1;n&&(e=o.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),n&&o.set(t,e))}return e}toString(){return this.cssText}},c=e=>new s(typeof e==`string`?e:e+``,void 0,a),l=(e,...t)=>new s(e.length===1?e[0]:t.reduce((t,n,r)=>t+(e=>{if(!0===e._$cssResult$)return e.cssText;if(typeof e==`number`)return e;throw Error(`Value passed to 'css' function must be a 'css' function result: `+e+`. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.`)})(n)+e[r+1],e[0]),e,a),u=(e,t)=>{if(i)e.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let n of t){let t=document.createElement(`style`),i=r.litNonce;i!==void 0&&t.setAttribute(`nonce`,i),t.textContent=n.cssText,e.appendChild(t)}},d=i?e=>e:e=>e instanceof CSSStyleSheet?(e=>{let t=``;for(let n of e.cssRules)t+=n.cssText;return c(t)})(e):e,{is:f,defineProperty:p,getOwnPropertyDescriptor:m,getOwnPropertyNames:ee,getOwnPropertySymbols:te,getPrototypeOf:ne}=Object,re=globalThis,ie=re.trustedTypes,ae=ie?ie.emptyScript:``,oe=re.reactiveElementPolyfillSupport,se=(e,t)=>e,ce={toAttribute(e,t){switch(t){case Boolean:e=e?ae:null;break;case Object:case Array:e=e==null?e:JSON.stringify(e)}return e},fromAttribute(e,t){let n=e;switch(t){case Boolean:n=e!==null;break;case Number:n=e===null?null:Number(e);break;case Object:case Array:try{n=JSON.parse(e)}catch{n=null}}return n}},le=(e,t)=>!f(e,t),ue={attribute:!0,type:String,converter:ce,reflect:!1,useDefault:!1,hasChanged:le};Symbol.metadata??=Symbol(`metadata`),re.litPropertyMetadata??=new WeakMap;var h=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ue){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),r=this.getPropertyDescriptor(e,n,t);r!==void 0&&p(this.prototype,e,r)}}static getPropertyDescriptor(e,t,n){let{get:r,set:i}=m(this.prototype,e)??{get(){return this[t]},set(e){this[t]=e}};return{get:r,set(t){let a=r?.call(this);i?.call(this,t),this.requestUpdate(e,a,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ue}static _$Ei(){if(this.hasOwnProperty(se(`elementProperties`)))return;let e=ne(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(se(`finalized`)))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(se(`properties`))){let e=this.properties,t=[...ee(e),...te(e)];for(let n of t)this.createProperty(n,e[n])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[e,n]of t)this.elementProperties.set(e,n)}this._$Eh=new Map;for(let[e,t]of this.elementProperties){let n=this._$Eu(e,t);n!==void 0&&this._$Eh.set(n,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let e of n)t.unshift(d(e))}else e!==void 0&&t.push(d(e));return t}static _$Eu(e,t){let n=t.attribute;return!1===n?void 0:typeof n==`string`?n:typeof e==`string`?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return u(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),r=this.constructor._$Eu(e,n);if(r!==void 0&&!0===n.reflect){let i=(n.converter?.toAttribute===void 0?ce:n.converter).toAttribute(t,n.type);this._$Em=e,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(e,t){let n=this.constructor,r=n._$Eh.get(e);if(r!==void 0&&this._$Em!==r){let e=n.getPropertyOptions(r),i=typeof e.converter==`function`?{fromAttribute:e.converter}:e.converter?.fromAttribute===void 0?ce:e.converter;this._$Em=r;let a=i.fromAttribute(t,e.type);this[r]=a??this._$Ej?.get(r)??a,this._$Em=null}}requestUpdate(e,t,n,r=!1,i){if(e!==void 0){let a=this.constructor;if(!1===r&&(i=this[e]),n??=a.getPropertyOptions(e),!((n.hasChanged??le)(i,t)||n.useDefault&&n.reflect&&i===this._$Ej?.get(e)&&!this.hasAttribute(a._$Eu(e,n))))return;this.C(e,t,n)}!1===this.isUpdatePending&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:r,wrapped:i},a){n&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,a??t??this[e]),!0!==i||a!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),!0===r&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[e,t]of this._$Ep)this[e]=t;this._$Ep=void 0}let e=this.constructor.elementProperties;if(e.size>0)for(let[t,n]of e){let{wrapped:e}=n,r=this[t];!0!==e||this._$AL.has(t)||r===void 0||this.C(t,void 0,n,r)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(e=>e.hostUpdate?.()),this.update(t)):this._$EM()}catch(t){throw e=!1,this._$EM(),t}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(e){}firstUpdated(e){}};h.elementStyles=[],h.shadowRootOptions={mode:`open`},h[se(`elementProperties`)]=new Map,h[se(`finalized`)]=new Map,oe?.({ReactiveElement:h}),(re.reactiveElementVersions??=[]).push(`2.1.2`);var de=globalThis,fe=e=>e,pe=de.trustedTypes,me=pe?pe.createPolicy(`lit-html`,{createHTML:e=>e}):void 0,he=`$lit$`,g=`lit$${Math.random().toFixed(9).slice(2)}$`,ge=`?`+g,_e=`<${ge}>`,_=document,ve=()=>_.createComment(``),ye=e=>e===null||typeof e!=`object`&&typeof e!=`function`,be=Array.isArray,xe=e=>be(e)||typeof e?.[Symbol.iterator]==`function`,Se=`[ 	
\f\r]`,Ce=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,we=/-->/g,Te=/>/g,v=RegExp(`>|${Se}(?:([^\\s"'>=/]+)(${Se}*=${Se}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,`g`),Ee=/'/g,De=/"/g,Oe=/^(?:script|style|textarea|title)$/i,y=(e=>(t,...n)=>({_$litType$:e,strings:t,values:n}))(1),b=Symbol.for(`lit-noChange`),x=Symbol.for(`lit-nothing`),ke=new WeakMap,S=_.createTreeWalker(_,129);function Ae(e,t){if(!be(e)||!e.hasOwnProperty(`raw`))throw Error(`invalid template strings array`);return me===void 0?t:me.createHTML(t)}var je=(e,t)=>{let n=e.length-1,r=[],i,a=t===2?`<svg>`:t===3?`<math>`:``,o=Ce;for(let t=0;t<n;t++){let n=e[t],s,c,l=-1,u=0;for(;u<n.length&&(o.lastIndex=u,c=o.exec(n),c!==null);)u=o.lastIndex,o===Ce?c[1]===`!--`?o=we:c[1]===void 0?c[2]===void 0?c[3]!==void 0&&(o=v):(Oe.test(c[2])&&(i=RegExp(`</`+c[2],`g`)),o=v):o=Te:o===v?c[0]===`>`?(o=i??Ce,l=-1):c[1]===void 0?l=-2:(l=o.lastIndex-c[2].length,s=c[1],o=c[3]===void 0?v:c[3]===`"`?De:Ee):o===De||o===Ee?o=v:o===we||o===Te?o=Ce:(o=v,i=void 0);let d=o===v&&e[t+1].startsWith(`/>`)?` `:``;a+=o===Ce?n+_e:l>=0?(r.push(s),n.slice(0,l)+he+n.slice(l)+g+d):n+g+(l===-2?t:d)}return[Ae(e,a+(e[n]||`<?>`)+(t===2?`</svg>`:t===3?`</math>`:``)),r]},Me=class e{constructor({strings:t,_$litType$:n},r){let i;this.parts=[];let a=0,o=0,s=t.length-1,c=this.parts,[l,u]=je(t,n);if(this.el=e.createElement(l,r),S.currentNode=this.el.content,n===2||n===3){let e=this.el.content.firstChild;e.replaceWith(...e.childNodes)}for(;(i=S.nextNode())!==null&&c.length<s;){if(i.nodeType===1){if(i.hasAttributes())for(let e of i.getAttributeNames())if(e.endsWith(he)){let t=u[o++],n=i.getAttribute(e).split(g),r=/([.?@])?(.*)/.exec(t);c.push({type:1,index:a,name:r[2],strings:n,ctor:r[1]===`.`?Ie:r[1]===`?`?Le:r[1]===`@`?Re:Fe}),i.removeAttribute(e)}else e.startsWith(g)&&(c.push({type:6,index:a}),i.removeAttribute(e));if(Oe.test(i.tagName)){let e=i.textContent.split(g),t=e.length-1;if(t>0){i.textContent=pe?pe.emptyScript:``;for(let n=0;n<t;n++)i.append(e[n],ve()),S.nextNode(),c.push({type:2,index:++a});i.append(e[t],ve())}}}else if(i.nodeType===8){if(i.data===ge)c.push({type:2,index:a});else{let e=-1;for(;(e=i.data.indexOf(g,e+1))!==-1;)c.push({type:7,index:a}),e+=g.length-1}}a++}}static createElement(e,t){let n=_.createElement(`template`);return n.innerHTML=e,n}};function C(e,t,n=e,r){if(t===b)return t;let i=r===void 0?n._$Cl:n._$Co?.[r],a=ye(t)?void 0:t._$litDirective$;return i?.constructor!==a&&(i?._$AO?.(!1),a===void 0?i=void 0:(i=new a(e),i._$AT(e,n,r)),r===void 0?n._$Cl=i:(n._$Co??=[])[r]=i),i!==void 0&&(t=C(e,i._$AS(e,t.values),i,r)),t}var Ne=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,r=(e?.creationScope??_).importNode(t,!0);S.currentNode=r;let i=S.nextNode(),a=0,o=0,s=n[0];for(;s!==void 0;){if(a===s.index){let t;s.type===2?t=new Pe(i,i.nextSibling,this,e):s.type===1?t=new s.ctor(i,s.name,s.strings,this,e):s.type===6&&(t=new ze(i,this,e)),this._$AV.push(t),s=n[++o]}a!==s?.index&&(i=S.nextNode(),a++)}return S.currentNode=_,r}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings===void 0?n._$AI(e[t]):(n._$AI(e,n,t),t+=n.strings.length-2)),t++}},Pe=class e{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,r){this.type=2,this._$AH=x,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=C(this,e,t),ye(e)?e===x||e==null||e===``?(this._$AH!==x&&this._$AR(),this._$AH=x):e!==this._$AH&&e!==b&&this._(e):e._$litType$===void 0?e.nodeType===void 0?xe(e)?this.k(e):this._(e):this.T(e):this.$(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==x&&ye(this._$AH)?this._$AA.nextSibling.data=e:this.T(_.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,r=typeof n==`number`?this._$AC(e):(n.el===void 0&&(n.el=Me.createElement(Ae(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===r)this._$AH.p(t);else{let e=new Ne(r,this),n=e.u(this.options);e.p(t),this.T(n),this._$AH=e}}_$AC(e){let t=ke.get(e.strings);return t===void 0&&ke.set(e.strings,t=new Me(e)),t}k(t){be(this._$AH)||(this._$AH=[],this._$AR());let n=this._$AH,r,i=0;for(let a of t)i===n.length?n.push(r=new e(this.O(ve()),this.O(ve()),this,this.options)):r=n[i],r._$AI(a),i++;i<n.length&&(this._$AR(r&&r._$AB.nextSibling,i),n.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let t=fe(e).nextSibling;fe(e).remove(),e=t}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},Fe=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,r,i){this.type=1,this._$AH=x,this._$AN=void 0,this.element=e,this.name=t,this._$AM=r,this.options=i,n.length>2||n[0]!==``||n[1]!==``?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=x}_$AI(e,t=this,n,r){let i=this.strings,a=!1;if(i===void 0)e=C(this,e,t,0),a=!ye(e)||e!==this._$AH&&e!==b,a&&(this._$AH=e);else{let r=e,o,s;for(e=i[0],o=0;o<i.length-1;o++)s=C(this,r[n+o],t,o),s===b&&(s=this._$AH[o]),a||=!ye(s)||s!==this._$AH[o],s===x?e=x:e!==x&&(e+=(s??``)+i[o+1]),this._$AH[o]=s}a&&!r&&this.j(e)}j(e){e===x?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??``)}},Ie=class extends Fe{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===x?void 0:e}},Le=class extends Fe{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==x)}},Re=class extends Fe{constructor(e,t,n,r,i){super(e,t,n,r,i),this.type=5}_$AI(e,t=this){if((e=C(this,e,t,0)??x)===b)return;let n=this._$AH,r=e===x&&n!==x||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,i=e!==x&&(n===x||r);r&&this.element.removeEventListener(this.name,this,n),i&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH==`function`?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},ze=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){C(this,e)}},Be={M:he,P:g,A:ge,C:1,L:je,R:Ne,D:xe,V:C,I:Pe,H:Fe,N:Le,U:Re,B:Ie,F:ze},Ve=de.litHtmlPolyfillSupport;Ve?.(Me,Pe),(de.litHtmlVersions??=[]).push(`3.3.3`);var He=(e,t,n)=>{let r=n?.renderBefore??t,i=r._$litPart$;if(i===void 0){let e=n?.renderBefore??null;r._$litPart$=i=new Pe(t.insertBefore(ve(),e),e,void 0,n??{})}return i._$AI(e),i},Ue=globalThis,w=class extends h{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=He(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return b}};w._$litElement$=!0,w.finalized=!0,Ue.litElementHydrateSupport?.({LitElement:w});var We=Ue.litElementPolyfillSupport;We?.({LitElement:w}),(Ue.litElementVersions??=[]).push(`4.2.2`);var Ge=[`trending_day`,`trending_week`,`popular_movies`,`popular_tv`,`top_rated_movies`,`upcoming_movies`,`now_playing_movies`,`on_the_air_tv`],Ke=[`pending`,`approved`,`searching`,`waiting_for_space`,`downloading`,`importing`],qe={trending_day:`Trending today`,trending_week:`Trending this week`,popular_movies:`Popular movies`,popular_tv:`Popular TV`,top_rated_movies:`Top rated movies`,upcoming_movies:`Upcoming movies`,now_playing_movies:`Now in cinemas`,on_the_air_tv:`On TV now`},Je=5e3,Ye=new Map;function Xe(e,t=Date.now()){let n=Ye.get(e);if(Ye.delete(e),!(!n||t-n.at>3e4))return n.value}var Ze=`home`,Qe=(e,t=1)=>`discover:${e}:${t}`;function $e(e,t=0){return e.hassConnection?e.hassConnection:t>=Je?Promise.resolve(void 0):new Promise(n=>setTimeout(()=>n($e(e,t+25)),25))}function et(e,t,n=Date.now()){let[r,i]=e.split(`/`).filter(Boolean);if(r!==`pandora`||i!==void 0&&i!==`discover`)return!1;let a=$e(t),o=(e,t)=>{let r=a.then(e=>{if(!e)throw Error(`Home Assistant's connection did not open.`);return e.conn.sendMessagePromise(t)});r.catch(()=>void 0),Ye.set(e,{at:n,value:r})};o(`info`,{type:`pandora/info`}),o(Ze,{type:`pandora/home`});for(let e of Ge)o(Qe(e),{type:`pandora/discover`,list:e,page:1});return!0}var tt=6e5;function T(e){if(e&&typeof e==`object`){let t=e.message;if(typeof t==`string`&&t)return t;let n=e.code;if(typeof n==`string`&&n)return n}return typeof e==`string`&&e?e:`Something went wrong.`}function nt(e){let t=e&&typeof e==`object`?e.code:void 0;return typeof t==`string`?t:void 0}function E(e){return`${e.instance}\u0000${e.hash}`}function rt(){return{torrents:new Map,instances:{},unavailable:[],notices:{},loaded:!1}}function it(e,t){let n=e.torrents;if(e.unavailable=[...t.unavailable??[]],(t.full||t.notices)&&(e.notices={...t.notices??{}}),e.loaded=!0,t.full){n.clear();let r=e.instances={...t.instances??{}},[i,a,o,s,c,l,u,d,f,p,m,ee]=[`instance`,`hash`,`name`,`state`,`status`,`progress`,`size`,`download_speed`,`upload_speed`,`eta`,`added`,`held`].map(e=>t.fields.indexOf(e));for(let e of t.rows??[]){let t=e[i],te={instance:t,instance_title:r[t]??t,hash:e[a],name:e[o],state:e[s],status:e[c],progress:e[l],size:e[u],download_speed:e[d],upload_speed:e[f],eta:e[p]??null,added:e[m]??null,held:e[ee]??null};n.set(E(te),te)}return null}let r=[];for(let e of t.removed??[]){let t=E(e),i=n.get(t);i&&n.delete(t)&&r.push({key:t,before:i})}for(let i of t.torrents??[]){let t=E(i),a=n.get(t),o=a?{...a,...i}:{instance_title:e.instances[i.instance]??i.instance,...i};n.set(t,o),r.push({key:t,before:a,after:o})}return r}var at=class{constructor(e,t,n,r){this.closed=!1,this.unsubscribe=e.connection.subscribeMessage(e=>{this.closed||n(e)},t).catch(e=>{this.closed||r(e)})}get active(){return!this.closed}async close(){if(this.closed)return;this.closed=!0;let e=await this.unsubscribe;try{await e?.()}catch{}}},ot=class extends at{constructor(e,t,n){super(e,{type:`pandora/torrents/subscribe`},e=>t(this.state,it(this.state,e)),n),this.state=rt()}},st=class{constructor(e,t=Date.now){this.now=t,this.cache=new Map,this.hass=e}get language(){return this.hass?.locale?.language??this.hass?.language??`en`}call(e){return this.hass?this.hass.callWS(e):Promise.reject(Error(`Not connected to Home Assistant.`))}cached(e,t){let n=this.now(),r=this.cache.get(e);if(r&&r.expires>n)return r.value;let i=t();return this.cache.set(e,{expires:n+tt,value:i}),i.catch(()=>{this.cache.get(e)?.value===i&&this.cache.delete(e)}),i}clearCache(){this.cache.clear()}callEarly(e,t){let n=Xe(e,this.now());return n?n.catch(()=>this.call(t)):this.call(t)}info(){return this.callEarly(`info`,{type:`pandora/info`})}discover(e,t=1){let n=Qe(e,t);return this.cached(n,()=>this.callEarly(n,{type:`pandora/discover`,list:e,page:t}))}searchMedia(e,t=1){return this.call({type:`pandora/search_media`,query:e,page:t})}media(e,t){return this.cached(`media:${t}:${e}`,()=>this.call({type:`pandora/media`,tmdb_id:e,media_type:t}))}forgetMedia(e,t){this.cache.delete(`media:${t}:${e}`)}home(){return this.callEarly(Ze,{type:`pandora/home`})}watchlist(){return this.call({type:`pandora/watchlist/list`})}addToWatchlist(e,t){return this.forgetMedia(e,t),this.call({type:`pandora/watchlist/add`,tmdb_id:e,media_type:t})}removeFromWatchlist(e,t){return this.forgetMedia(e,t),this.call({type:`pandora/watchlist/remove`,tmdb_id:e,media_type:t})}setFeatured(e,t){return this.call({type:`pandora/featured/set`,tmdb_id:e,media_type:t})}clearFeatured(){return this.call({type:`pandora/featured/clear`})}play(e){let t=`item_id`in e?{item_id:e.item_id,instance:e.instance}:{tmdb_id:e.tmdb_id,media_type:e.media_type};return this.call({type:`pandora/play`,entity_id:e.entity_id,...t})}searchTorrents(e){return this.call({type:`pandora/torrents/search`,...e})}addTorrent(e){return this.call({type:`pandora/torrents/add`,...e})}torrentAction(e){return this.call({type:`pandora/torrents/action`,...e})}history(e=50){return this.call({type:`pandora/history`,limit:e})}listFiles(e,t){return this.call({type:`pandora/files/list`,path:e,...t?{instance:t}:{}})}moveFiles(e){return this.call({type:`pandora/files/move`,...e})}deleteFiles(e,t){return this.call({type:`pandora/files/delete`,paths:e,...t?{instance:t}:{}})}scanLibrary(e,t){return this.call({type:`pandora/library/scan`,library:e,...t?{instance:t}:{}})}restartContainer(e,t){return this.call({type:`pandora/containers/restart`,container:e,...t?{instance:t}:{}})}containerLogs(e,t,n){return this.call({type:`pandora/containers/logs`,container:e,tail:t,...n?{instance:n}:{}})}redeployStack(e,t){return this.call({type:`pandora/stacks/redeploy`,stack:e,...t?{instance:t}:{}})}setVpnCountry(e,t){return this.call({type:`pandora/vpn/country`,country:e,...t?{instance:t}:{}})}requestMedia(e){let{tmdb_id:t,media_type:n,seasons:r}=e;return this.call({type:`pandora/requests/create`,tmdb_id:t,media_type:n,...n===`tv`&&r?.length?{seasons:r}:{}})}approveRequest(e){return this.call({type:`pandora/requests/approve`,request_id:e})}denyRequest(e,t){let n=t?.trim();return this.call({type:`pandora/requests/deny`,request_id:e,...n?{reason:n}:{}})}retryRequest(e){return this.call({type:`pandora/requests/retry`,request_id:e})}withdrawRequest(e){return this.call({type:`pandora/requests/withdraw`,request_id:e})}listRequests(e={}){return this.call({type:`pandora/requests/list`,...e.status?.length?{status:e.status}:{},...e.limit?{limit:e.limit}:{}})}subscribe(e,t,n){if(!this.hass)throw Error(`Not connected to Home Assistant.`);return new at(this.hass,{type:e},t,n)}subscribeTorrents(e,t){if(!this.hass)throw Error(`Not connected to Home Assistant.`);return new ot(this.hass,e,t)}};function D(e,t){customElements.get(e)||customElements.define(e,t)}var ct={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},lt=e=>(...t)=>({_$litDirective$:e,values:t}),ut=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},{I:dt}=Be,ft=e=>e,pt=e=>e.strings===void 0,mt=()=>document.createComment(``),ht=(e,t,n)=>{let r=e._$AA.parentNode,i=t===void 0?e._$AB:t._$AA;if(n===void 0)n=new dt(r.insertBefore(mt(),i),r.insertBefore(mt(),i),e,e.options);else{let t=n._$AB.nextSibling,a=n._$AM,o=a!==e;if(o){let t;n._$AQ?.(e),n._$AM=e,n._$AP!==void 0&&(t=e._$AU)!==a._$AU&&n._$AP(t)}if(t!==i||o){let e=n._$AA;for(;e!==t;){let t=ft(e).nextSibling;ft(r).insertBefore(e,i),e=t}}}return n},O=(e,t,n=e)=>(e._$AI(t,n),e),gt={},_t=(e,t=gt)=>e._$AH=t,vt=e=>e._$AH,yt=e=>{e._$AR(),e._$AA.remove()},bt=(e,t,n)=>{let r=new Map;for(let i=t;i<=n;i++)r.set(e[i],i);return r},k=lt(class extends ut{constructor(e){if(super(e),e.type!==ct.CHILD)throw Error(`repeat() can only be used in text expressions`)}dt(e,t,n){let r;n===void 0?n=t:t!==void 0&&(r=t);let i=[],a=[],o=0;for(let t of e)i[o]=r?r(t,o):o,a[o]=n(t,o),o++;return{values:a,keys:i}}render(e,t,n){return this.dt(e,t,n).values}update(e,[t,n,r]){let i=vt(e),{values:a,keys:o}=this.dt(t,n,r);if(!Array.isArray(i))return this.ut=o,a;let s=this.ut??=[],c=[],l,u,d=0,f=i.length-1,p=0,m=a.length-1;for(;d<=f&&p<=m;)if(i[d]===null)d++;else if(i[f]===null)f--;else if(s[d]===o[p])c[p]=O(i[d],a[p]),d++,p++;else if(s[f]===o[m])c[m]=O(i[f],a[m]),f--,m--;else if(s[d]===o[m])c[m]=O(i[d],a[m]),ht(e,c[m+1],i[d]),d++,m--;else if(s[f]===o[p])c[p]=O(i[f],a[p]),ht(e,i[d],i[f]),f--,p++;else if(l===void 0&&(l=bt(o,p,m),u=bt(s,d,f)),l.has(s[d])){if(l.has(s[f])){let t=u.get(o[p]),n=t===void 0?null:i[t];if(n===null){let t=ht(e,i[d]);O(t,a[p]),c[p]=t}else c[p]=O(n,a[p]),ht(e,i[d],n),i[t]=null;p++}else yt(i[f]),f--}else yt(i[d]),d++;for(;p<=m;){let t=ht(e,c[m+1]);O(t,a[p]),c[p++]=t}for(;d<=f;){let e=i[d++];e!==null&&yt(e)}return this.ut=o,_t(e,c),b}}),A=`M11,15H13V17H11V15M11,7H13V13H11V7M12,2C6.47,2 2,6.5 2,12A10,10 0 0,0 12,22A10,10 0 0,0 22,12A10,10 0 0,0 12,2M12,20A8,8 0 0,1 4,12A8,8 0 0,1 12,4A8,8 0 0,1 20,12A8,8 0 0,1 12,20Z`,xt=`M11,4H13V16L18.5,10.5L19.92,11.92L12,19.84L4.08,11.92L5.5,10.5L11,16V4Z`,St=`M13,20H11V8L5.5,13.5L4.08,12.08L12,4.16L19.92,12.08L18.5,13.5L13,8V20Z`,Ct=`M9 3V18H12V3H9M12 5L16 18L19 17L15 4L12 5M5 5V18H8V5H5M3 19V21H21V19H3Z`,wt=`M6,22H18L12,16M21,3H3A2,2 0 0,0 1,5V17A2,2 0 0,0 3,19H7V17H3V5H21V17H17V19H21A2,2 0 0,0 23,17V5A2,2 0 0,0 21,3Z`,j=`M21,7L9,19L3.5,13.5L4.91,12.09L9,16.17L19.59,5.59L21,7Z`,Tt=`M12 2C6.5 2 2 6.5 2 12S6.5 22 12 22 22 17.5 22 12 17.5 2 12 2M10 17L5 12L6.41 10.59L10 14.17L17.59 6.58L19 8L10 17Z`,Et=`M12 2C6.5 2 2 6.5 2 12S6.5 22 12 22 22 17.5 22 12 17.5 2 12 2M12 20C7.59 20 4 16.41 4 12S7.59 4 12 4 20 7.59 20 12 16.41 20 12 20M16.59 7.58L10 14.17L7.41 11.59L6 13L10 17L18 9L16.59 7.58Z`,Dt=`M7.41,8.58L12,13.17L16.59,8.58L18,10L12,16L6,10L7.41,8.58Z`,Ot=`M15.41,16.58L10.83,12L15.41,7.41L14,6L8,12L14,18L15.41,16.58Z`,kt=`M8.59,16.58L13.17,12L8.59,7.41L10,6L16,12L10,18L8.59,16.58Z`,At=`M7.41,15.41L12,10.83L16.59,15.41L18,14L12,8L6,14L7.41,15.41Z`,M=`M19,6.41L17.59,5L12,10.59L6.41,5L5,6.41L10.59,12L5,17.59L6.41,19L12,13.41L17.59,19L19,17.59L13.41,12L19,6.41Z`,jt=`M12,8A4,4 0 0,1 16,12A4,4 0 0,1 12,16A4,4 0 0,1 8,12A4,4 0 0,1 12,8M12,10A2,2 0 0,0 10,12A2,2 0 0,0 12,14A2,2 0 0,0 14,12A2,2 0 0,0 12,10M10,22C9.75,22 9.54,21.82 9.5,21.58L9.13,18.93C8.5,18.68 7.96,18.34 7.44,17.94L4.95,18.95C4.73,19.03 4.46,18.95 4.34,18.73L2.34,15.27C2.21,15.05 2.27,14.78 2.46,14.63L4.57,12.97L4.5,12L4.57,11L2.46,9.37C2.27,9.22 2.21,8.95 2.34,8.73L4.34,5.27C4.46,5.05 4.73,4.96 4.95,5.05L7.44,6.05C7.96,5.66 8.5,5.32 9.13,5.07L9.5,2.42C9.54,2.18 9.75,2 10,2H14C14.25,2 14.46,2.18 14.5,2.42L14.87,5.07C15.5,5.32 16.04,5.66 16.56,6.05L19.05,5.05C19.27,4.96 19.54,5.05 19.66,5.27L21.66,8.73C21.79,8.95 21.73,9.22 21.54,9.37L19.43,11L19.5,12L19.43,13L21.54,14.63C21.73,14.78 21.79,15.05 21.66,15.27L19.66,18.73C19.54,18.95 19.27,19.04 19.05,18.95L16.56,17.95C16.04,18.34 15.5,18.68 14.87,18.93L14.5,21.58C14.46,21.82 14.25,22 14,22H10M11.25,4L10.88,6.61C9.68,6.86 8.62,7.5 7.85,8.39L5.44,7.35L4.69,8.65L6.8,10.2C6.4,11.37 6.4,12.64 6.8,13.8L4.68,15.36L5.43,16.66L7.86,15.62C8.63,16.5 9.68,17.14 10.87,17.38L11.24,20H12.76L13.13,17.39C14.32,17.14 15.37,16.5 16.14,15.62L18.57,16.66L19.32,15.36L17.2,13.81C17.6,12.64 17.6,11.37 17.2,10.2L19.31,8.65L18.56,7.35L16.15,8.39C15.38,7.5 14.32,6.86 13.12,6.62L12.75,4H11.25Z`,Mt=`M7,17L10.2,10.2L17,7L13.8,13.8L7,17M12,11.1A0.9,0.9 0 0,0 11.1,12A0.9,0.9 0 0,0 12,12.9A0.9,0.9 0 0,0 12.9,12A0.9,0.9 0 0,0 12,11.1M12,2A10,10 0 0,1 22,12A10,10 0 0,1 12,22A10,10 0 0,1 2,12A10,10 0 0,1 12,2M12,4A8,8 0 0,0 4,12A8,8 0 0,0 12,20A8,8 0 0,0 20,12A8,8 0 0,0 12,4Z`,Nt=`M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19M8,9H16V19H8V9M15.5,4L14.5,3H9.5L8.5,4H5V6H19V4H15.5Z`,Pt=`M21.81 10.25C21.75 10.21 21.25 9.82 20.17 9.82C19.89 9.82 19.61 9.85 19.33 9.9C19.12 8.5 17.95 7.79 17.9 7.76L17.61 7.59L17.43 7.86C17.19 8.22 17 8.63 16.92 9.05C16.72 9.85 16.84 10.61 17.25 11.26C16.76 11.54 15.96 11.61 15.79 11.61H2.62C2.28 11.61 2 11.89 2 12.24C2 13.39 2.18 14.54 2.58 15.62C3.03 16.81 3.71 17.69 4.58 18.23C5.56 18.83 7.17 19.17 9 19.17C9.79 19.17 10.61 19.1 11.42 18.95C12.54 18.75 13.62 18.36 14.61 17.79C15.43 17.32 16.16 16.72 16.78 16C17.83 14.83 18.45 13.5 18.9 12.35H19.09C20.23 12.35 20.94 11.89 21.33 11.5C21.59 11.26 21.78 10.97 21.92 10.63L22 10.39L21.81 10.25M3.85 11.24H5.61C5.69 11.24 5.77 11.17 5.77 11.08V9.5C5.77 9.42 5.7 9.34 5.61 9.34H3.85C3.76 9.34 3.69 9.41 3.69 9.5V11.08C3.7 11.17 3.76 11.24 3.85 11.24M6.28 11.24H8.04C8.12 11.24 8.2 11.17 8.2 11.08V9.5C8.2 9.42 8.13 9.34 8.04 9.34H6.28C6.19 9.34 6.12 9.41 6.12 9.5V11.08C6.13 11.17 6.19 11.24 6.28 11.24M8.75 11.24H10.5C10.6 11.24 10.67 11.17 10.67 11.08V9.5C10.67 9.42 10.61 9.34 10.5 9.34H8.75C8.67 9.34 8.6 9.41 8.6 9.5V11.08C8.6 11.17 8.66 11.24 8.75 11.24M11.19 11.24H12.96C13.04 11.24 13.11 11.17 13.11 11.08V9.5C13.11 9.42 13.05 9.34 12.96 9.34H11.19C11.11 9.34 11.04 9.41 11.04 9.5V11.08C11.04 11.17 11.11 11.24 11.19 11.24M6.28 9H8.04C8.12 9 8.2 8.91 8.2 8.82V7.25C8.2 7.16 8.13 7.09 8.04 7.09H6.28C6.19 7.09 6.12 7.15 6.12 7.25V8.82C6.13 8.91 6.19 9 6.28 9M8.75 9H10.5C10.6 9 10.67 8.91 10.67 8.82V7.25C10.67 7.16 10.61 7.09 10.5 7.09H8.75C8.67 7.09 8.6 7.15 8.6 7.25V8.82C8.6 8.91 8.66 9 8.75 9M11.19 9H12.96C13.04 9 13.11 8.91 13.11 8.82V7.25C13.11 7.16 13.04 7.09 12.96 7.09H11.19C11.11 7.09 11.04 7.15 11.04 7.25V8.82C11.04 8.91 11.11 9 11.19 9M11.19 6.72H12.96C13.04 6.72 13.11 6.65 13.11 6.56V5C13.11 4.9 13.04 4.83 12.96 4.83H11.19C11.11 4.83 11.04 4.89 11.04 5V6.56C11.04 6.64 11.11 6.72 11.19 6.72M13.65 11.24H15.41C15.5 11.24 15.57 11.17 15.57 11.08V9.5C15.57 9.42 15.5 9.34 15.41 9.34H13.65C13.57 9.34 13.5 9.41 13.5 9.5V11.08C13.5 11.17 13.57 11.24 13.65 11.24`,Ft=`M5,20H19V18H5M19,9H15V3H9V9H5L12,16L19,9Z`,It=`M14,2H6A2,2 0 0,0 4,4V20A2,2 0 0,0 6,22H18A2,2 0 0,0 20,20V8L14,2M18,20H6V4H13V9H18V20Z`,Lt=`M14,2L20,8V20A2,2 0 0,1 18,22H6A2,2 0 0,1 4,20V4A2,2 0 0,1 6,2H14M18,20V9H13V4H6V20H18M16,18L13.5,16.3V18H8V13H13.5V14.7L16,13V18Z`,Rt=`M13 19C13 19.34 13.04 19.67 13.09 20H4C2.9 20 2 19.11 2 18V6C2 4.89 2.89 4 4 4H10L12 6H20C21.1 6 22 6.89 22 8V13.81C21.39 13.46 20.72 13.22 20 13.09V8H4V18H13.09C13.04 18.33 13 18.66 13 19M21.34 15.84L17.75 19.43L16.16 17.84L15 19L17.75 22L22.5 17.25L21.34 15.84Z`,zt=`M20 18H4V8H20M20 6H12L10 4H4A2 2 0 0 0 2 6V18A2 2 0 0 0 4 20H20A2 2 0 0 0 22 18V8A2 2 0 0 0 20 6M14 9H16V13H19L15 17L11 13H14Z`,Bt=`M20 18H4V8H20V18M12 6L10 4H4C2.9 4 2 4.89 2 6V18C2 19.11 2.9 20 4 20H20C21.11 20 22 19.11 22 18V8C22 6.9 21.11 6 20 6H12M11 14V12H15V9L19 13L15 17V14H11Z`,Vt=`M20,18H4V8H20M20,6H12L10,4H4C2.89,4 2,4.89 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V8C22,6.89 21.1,6 20,6Z`,Ht=`M13.5,8H12V13L16.28,15.54L17,14.33L13.5,12.25V8M13,3A9,9 0 0,0 4,12H1L4.96,16.03L9,12H6A7,7 0 0,1 13,5A7,7 0 0,1 20,12A7,7 0 0,1 13,19C11.07,19 9.32,18.21 8.06,16.94L6.64,18.36C8.27,20 10.5,21 13,21A9,9 0 0,0 22,12A9,9 0 0,0 13,3`,Ut=`M12 5.69L17 10.19V18H15V12H9V18H7V10.19L12 5.69M12 3L2 12H5V20H11V14H13V20H19V12H22`,Wt=`M21,17H7V3H21M21,1H7A2,2 0 0,0 5,3V17A2,2 0 0,0 7,19H21A2,2 0 0,0 23,17V3A2,2 0 0,0 21,1M3,5H1V21A2,2 0 0,0 3,23H19V21H3M15.96,10.29L13.21,13.83L11.25,11.47L8.5,15H19.5L15.96,10.29Z`,Gt=`M11,9H13V7H11M12,20C7.59,20 4,16.41 4,12C4,7.59 7.59,4 12,4C16.41,4 20,7.59 20,12C20,16.41 16.41,20 12,20M12,2A10,10 0 0,0 2,12A10,10 0 0,0 12,22A10,10 0 0,0 22,12A10,10 0 0,0 12,2M11,17H13V11H11V17Z`,N=`M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z`,Kt=`M17 22V20H20V17H22V20.5C22 20.89 21.84 21.24 21.54 21.54C21.24 21.84 20.89 22 20.5 22H17M7 22H3.5C3.11 22 2.76 21.84 2.46 21.54C2.16 21.24 2 20.89 2 20.5V17H4V20H7V22M17 2H20.5C20.89 2 21.24 2.16 21.54 2.46C21.84 2.76 22 3.11 22 3.5V7H20V4H17V2M7 2V4H4V7H2V3.5C2 3.11 2.16 2.76 2.46 2.46C2.76 2.16 3.11 2 3.5 2H7M10.5 6C13 6 15 8 15 10.5C15 11.38 14.75 12.2 14.31 12.9L17.57 16.16L16.16 17.57L12.9 14.31C12.2 14.75 11.38 15 10.5 15C8 15 6 13 6 10.5C6 8 8 6 10.5 6M10.5 8C9.12 8 8 9.12 8 10.5C8 11.88 9.12 13 10.5 13C11.88 13 13 11.88 13 10.5C13 9.12 11.88 8 10.5 8Z`,qt=`M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z`,Jt=`M12,20C7.59,20 4,16.41 4,12C4,7.59 7.59,4 12,4C16.41,4 20,7.59 20,12C20,16.41 16.41,20 12,20M12,2A10,10 0 0,0 2,12A10,10 0 0,0 12,22A10,10 0 0,0 22,12A10,10 0 0,0 12,2M7,13H17V11H7`,Yt=`M20.84 2.18L16.91 2.96L19.65 6.5L21.62 6.1L20.84 2.18M13.97 3.54L12 3.93L14.75 7.46L16.71 7.07L13.97 3.54M9.07 4.5L7.1 4.91L9.85 8.44L11.81 8.05L9.07 4.5M4.16 5.5L3.18 5.69C2.1 5.9 1.39 6.96 1.61 8.04L2 10L6.9 9.03L4.16 5.5M20 12V20H4V12H20M22 10H2V20C2 21.11 2.9 22 4 22H20C21.11 22 22 21.11 22 20V10Z`,Xt=`M5.76,10H20V18H4V6.47M22,4H18L20,8H17L15,4H13L15,8H12L10,4H8L10,8H7L5,4H4A2,2 0 0,0 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V4Z`,Zt=`M21,3V15.5A3.5,3.5 0 0,1 17.5,19A3.5,3.5 0 0,1 14,15.5A3.5,3.5 0 0,1 17.5,12C18.04,12 18.55,12.12 19,12.34V6.47L9,8.6V17.5A3.5,3.5 0 0,1 5.5,21A3.5,3.5 0 0,1 2,17.5A3.5,3.5 0 0,1 5.5,14C6.04,14 6.55,14.12 7,14.34V6L21,3Z`,Qt=`M14,3V5H17.59L7.76,14.83L9.17,16.24L19,6.41V10H21V3M19,19H5V5H12V3H5C3.89,3 3,3.9 3,5V19A2,2 0 0,0 5,21H19A2,2 0 0,0 21,19V12H19V19Z`,$t=`M14,19H18V5H14M6,19H10V5H6V19Z`,en=`M8,5.14V19.14L19,12.14L8,5.14Z`,P=`M3 16H10V14H3M18 14V10H16V14H12V16H16V20H18V16H22V14M14 6H3V8H14M14 10H3V12H14V10Z`,tn=`M19,13H13V19H11V13H5V11H11V5H13V11H19V13Z`,nn=`M12,20C7.59,20 4,16.41 4,12C4,7.59 7.59,4 12,4C16.41,4 20,7.59 20,12C20,16.41 16.41,20 12,20M12,2A10,10 0 0,0 2,12A10,10 0 0,0 12,22A10,10 0 0,0 22,12A10,10 0 0,0 12,2M13,7H11V11H7V13H11V17H13V13H17V11H13V7Z`,F=`M17.65,6.35C16.2,4.9 14.21,4 12,4A8,8 0 0,0 4,12A8,8 0 0,0 12,20C15.73,20 18.84,17.45 19.73,14H17.65C16.83,16.33 14.61,18 12,18A6,6 0 0,1 6,12A6,6 0 0,1 12,6C13.66,6 15.14,6.69 16.22,7.78L13,11H20V4L17.65,6.35Z`,rn=`M12,4C14.1,4 16.1,4.8 17.6,6.3C20.7,9.4 20.7,14.5 17.6,17.6C15.8,19.5 13.3,20.2 10.9,19.9L11.4,17.9C13.1,18.1 14.9,17.5 16.2,16.2C18.5,13.9 18.5,10.1 16.2,7.7C15.1,6.6 13.5,6 12,6V10.6L7,5.6L12,0.6V4M6.3,17.6C3.7,15 3.3,11 5.1,7.9L6.6,9.4C5.5,11.6 5.9,14.4 7.8,16.2C8.3,16.7 8.9,17.1 9.6,17.4L9,19.4C8,19 7.1,18.4 6.3,17.6Z`,an=`M13.13 22.19L11.5 18.36C13.07 17.78 14.54 17 15.9 16.09L13.13 22.19M5.64 12.5L1.81 10.87L7.91 8.1C7 9.46 6.22 10.93 5.64 12.5M19.22 4C19.5 4 19.75 4 19.96 4.05C20.13 5.44 19.94 8.3 16.66 11.58C14.96 13.29 12.93 14.6 10.65 15.47L8.5 13.37C9.42 11.06 10.73 9.03 12.42 7.34C15.18 4.58 17.64 4 19.22 4M19.22 2C17.24 2 14.24 2.69 11 5.93C8.81 8.12 7.5 10.53 6.65 12.64C6.37 13.39 6.56 14.21 7.11 14.77L9.24 16.89C9.62 17.27 10.13 17.5 10.66 17.5C10.89 17.5 11.13 17.44 11.36 17.35C13.5 16.53 15.88 15.19 18.07 13C23.73 7.34 21.61 2.39 21.61 2.39S20.7 2 19.22 2M14.54 9.46C13.76 8.68 13.76 7.41 14.54 6.63S16.59 5.85 17.37 6.63C18.14 7.41 18.15 8.68 17.37 9.46C16.59 10.24 15.32 10.24 14.54 9.46M8.88 16.53L7.47 15.12L8.88 16.53M6.24 22L9.88 18.36C9.54 18.27 9.21 18.12 8.91 17.91L4.83 22H6.24M2 22H3.41L8.18 17.24L6.76 15.83L2 20.59V22M2 19.17L6.09 15.09C5.88 14.79 5.73 14.47 5.64 14.12L2 17.76V19.17Z`,on=`M21,11C21,16.55 17.16,21.74 12,23C6.84,21.74 3,16.55 3,11V5L12,1L21,5V11M12,21C15.75,20 19,15.54 19,11.22V6.3L12,3.18L5,6.3V11.22C5,15.54 8.25,20 12,21M11,7H13V13H11V7M11,15H13V17H11V15Z`,sn=`M21,11C21,16.55 17.16,21.74 12,23C6.84,21.74 3,16.55 3,11V5L12,1L21,5V11M12,21C15.75,20 19,15.54 19,11.22V6.3L12,3.18L5,6.3V11.22C5,15.54 8.25,20 12,21M14.8,11V9.5C14.8,8.1 13.4,7 12,7C10.6,7 9.2,8.1 9.2,9.5V11C8.6,11 8,11.6 8,12.2V15.7C8,16.4 8.6,17 9.2,17H14.7C15.4,17 16,16.4 16,15.8V12.3C16,11.6 15.4,11 14.8,11M13.5,11H10.5V9.5C10.5,8.7 11.2,8.2 12,8.2C12.8,8.2 13.5,8.7 13.5,9.5V11Z`,cn=`M12,17.27L18.18,21L16.54,13.97L22,9.24L14.81,8.62L12,2L9.19,8.62L2,9.24L7.45,13.97L5.82,21L12,17.27Z`,ln=`M23 7.5L16.53 6.96L14 1L11.47 6.96L5 7.5L9.9 11.77L8.44 18.1L14 14.74L19.56 18.1L18.09 11.77L23 7.5M16.14 12.23L16.54 13.94L15.03 13.03L14 12.41L12.97 13.03L11.46 13.94L11.85 12.23L12.13 11.05L11.22 10.26L9.88 9.1L11.64 8.95L12.84 8.85L13.31 7.74L14 6.12L14.69 7.74L15.16 8.85L16.36 8.95L18.11 9.1L16.78 10.26L15.86 11.05L16.14 12.23M1.16 12C.861 11.5 .989 10.89 1.45 10.59L4.18 8.79L5.75 10.15L2.55 12.26C2.38 12.37 2.19 12.43 2 12.43C1.68 12.43 1.36 12.27 1.16 12M1.45 20.16L7.31 16.31L7 17.76L6.66 19.13L2.55 21.84C2.38 21.95 2.19 22 2 22C1.68 22 1.36 21.84 1.16 21.55C.861 21.09 .989 20.47 1.45 20.16M7.32 11.5L8.24 12.31L7.97 13.5L2.55 17.05C2.38 17.16 2.19 17.21 2 17.21C1.68 17.21 1.36 17.06 1.16 16.76C.861 16.3 .989 15.68 1.45 15.38L7.32 11.5Z`,un=`M8.16,3L6.75,4.41L9.34,7H4C2.89,7 2,7.89 2,9V19C2,20.11 2.89,21 4,21H20C21.11,21 22,20.11 22,19V9C22,7.89 21.11,7 20,7H14.66L17.25,4.41L15.84,3L12,6.84L8.16,3M4,9H17V19H4V9M19.5,9A1,1 0 0,1 20.5,10A1,1 0 0,1 19.5,11A1,1 0 0,1 18.5,10A1,1 0 0,1 19.5,9M19.5,12A1,1 0 0,1 20.5,13A1,1 0 0,1 19.5,14A1,1 0 0,1 18.5,13A1,1 0 0,1 19.5,12Z`,dn=`M5,3C3.89,3 3,3.89 3,5V19C3,20.11 3.89,21 5,21H19C20.11,21 21,20.11 21,19V5C21,3.89 20.11,3 19,3H5M5,5H19V19H5V5M7,7V9H17V7H7M7,11V13H17V11H7M7,15V17H14V15H7Z`,fn=`M2 12H4V17H20V12H22V17C22 18.11 21.11 19 20 19H4C2.9 19 2 18.11 2 17V12M12 15L17.55 9.54L16.13 8.13L13 11.25V2H11V11.25L7.88 8.13L6.46 9.55L12 15Z`,pn=`M13.5,7A6.5,6.5 0 0,1 20,13.5A6.5,6.5 0 0,1 13.5,20H10V18H13.5C16,18 18,16 18,13.5C18,11 16,9 13.5,9H7.83L10.91,12.09L9.5,13.5L4,8L9.5,2.5L10.92,3.91L7.83,7H13.5M6,18H8V20H6V18Z`;function I(e,t){return y`<svg
    class="icon"
    viewBox="0 0 24 24"
    focusable="false"
    role=${t?`img`:x}
    aria-label=${t??x}
    aria-hidden=${t?x:`true`}
  >
    <path d=${e}></path>
  </svg>`}var L=[l`
  :host {
    --_primary: var(--pb-primary, var(--primary-color, #03a9f4));
    --_rgb-primary: var(--pb-rgb-primary, var(--rgb-primary-color, 3, 169, 244));
    --_text: var(--pb-text, var(--primary-text-color, #212121));
    --_text-2: var(--pb-text-secondary, var(--secondary-text-color, #5e5e5e));
    --_surface: var(--pb-surface, var(--card-background-color, var(--ha-card-background, #fff)));
    --_background: var(--pb-background, var(--primary-background-color, #fafafa));
    --_surface-alt: var(--pb-surface-alt, var(--secondary-background-color, #ececec));
    --_divider: var(--pb-divider, var(--divider-color, rgba(0, 0, 0, 0.12)));
    --_error: var(--pb-error, var(--error-color, #db4437));
    --_success: var(--pb-success, var(--success-color, #43a047));
    --_warning: var(--pb-warning, var(--warning-color, #ffa600));
    --_info: var(--pb-info, var(--info-color, #039be5));
    --_radius: var(--pb-radius, var(--ha-card-border-radius, 12px));
    --_accent-text: var(
      --pb-accent-text,
      color-mix(in srgb, var(--_primary) 60%, var(--_text))
    );
    --_focus: var(--pb-focus-ring, var(--_accent-text));
    --_tint: rgba(var(--_rgb-primary), 0.14);
    --_tint-strong: rgba(var(--_rgb-primary), 0.24);
    --_space: var(--ha-space-4, 16px);
    color: var(--_text);
    font-family: var(--ha-font-family-body, var(--paper-font-body1_-_font-family, Roboto, system-ui, sans-serif));
    -webkit-tap-highlight-color: transparent;
  }
`,l`
  * {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .icon {
    width: 24px;
    height: 24px;
    fill: currentColor;
    flex: none;
  }
  .small-icon {
    width: 18px;
    height: 18px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h1,
  h2,
  h3,
  p {
    margin: 0;
  }
  a {
    color: var(--_accent-text);
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* Buttons: 44 px touch targets; text never sits on the raw primary colour. */
  button {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 44px;
    min-width: 44px;
    padding: 0 16px;
    border-radius: 22px;
    border: 1px solid var(--_divider);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.95rem;
    font-weight: 500;
    cursor: pointer;
    text-decoration: none;
    white-space: nowrap;
    transition: background-color 120ms ease, border-color 120ms ease;
  }
  .btn:hover {
    background: var(--_tint);
  }
  .btn.primary {
    background: var(--_tint-strong);
    border-color: var(--_primary);
  }
  .btn.primary:hover {
    background: rgba(var(--_rgb-primary), 0.32);
  }
  .btn.danger {
    border-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 14%, var(--_surface));
  }
  .btn.danger:hover {
    background: color-mix(in srgb, var(--_error) 24%, var(--_surface));
  }
  .btn.text {
    border-color: transparent;
    background: transparent;
    color: var(--_accent-text);
  }
  .btn[disabled] {
    cursor: default;
    opacity: 0.6;
  }
  .icon-btn {
    display: inline-grid;
    place-items: center;
    width: 44px;
    height: 44px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
    flex: none;
  }
  .icon-btn:hover {
    background: var(--_tint);
  }
  .icon-btn[disabled] {
    opacity: 0.45;
    cursor: default;
  }

  /* Chips */
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 26px;
    padding: 2px 10px;
    border-radius: 13px;
    border: 1px solid var(--_divider);
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.8rem;
    line-height: 1.2;
    white-space: nowrap;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
    flex: none;
  }

  /* Loading placeholders */
  .skeleton {
    background: var(--_surface-alt);
    border-radius: 8px;
    position: relative;
    overflow: hidden;
  }
  .skeleton::after {
    content: "";
    position: absolute;
    inset: 0;
    transform: translateX(-100%);
    background: linear-gradient(90deg, transparent, rgba(255, 255, 255, 0.22), transparent);
    animation: shimmer 1.4s infinite;
  }
  @keyframes shimmer {
    to {
      transform: translateX(100%);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton::after {
      animation: none;
    }
    * {
      transition: none !important;
      animation-duration: 1ms !important;
    }
  }

  /* Empty and error states */
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    text-align: center;
    gap: 12px;
    padding: 40px 24px;
    max-width: 520px;
    margin: 0 auto;
  }
  .state > .icon {
    width: 56px;
    height: 56px;
    color: var(--_text-2);
  }
  .state.error > .icon {
    color: var(--_error);
  }
  .state h2,
  .state h3 {
    font-size: 1.15rem;
    font-weight: 500;
  }
  .state p {
    color: var(--_text-2);
    line-height: 1.5;
  }
  .state .message {
    color: var(--_text);
    font-family: var(--ha-font-family-code, ui-monospace, monospace);
    font-size: 0.9rem;
    background: var(--_surface-alt);
    border-left: 3px solid var(--_error);
    padding: 8px 12px;
    border-radius: 4px;
    text-align: left;
    overflow-wrap: anywhere;
  }
  .path {
    color: var(--_text);
    font-weight: 500;
  }
  .banner {
    display: flex;
    align-items: flex-start;
    gap: 10px;
    padding: 10px 14px;
    border-radius: var(--_radius);
    border: 1px solid var(--_warning);
    background: color-mix(in srgb, var(--_warning) 12%, var(--_surface));
    color: var(--_text);
    font-size: 0.9rem;
    line-height: 1.4;
  }
  .banner.error {
    border-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 12%, var(--_surface));
  }
  .banner .icon {
    color: var(--_text);
  }
`],R=l`
  select,
  input[type="text"],
  input[type="number"],
  input[type="search"] {
    min-height: 44px;
    padding: 0 12px;
    border-radius: 8px;
    border: 1px solid var(--_divider);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    max-width: 100%;
  }
  input[type="text"]:focus,
  input[type="number"]:focus,
  select:focus {
    border-color: var(--_primary);
  }
  input[aria-invalid="true"] {
    border-color: var(--_error);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 6px;
    font-size: 0.9rem;
  }
  .field > span {
    color: var(--_text-2);
    font-weight: 500;
  }
  .field .hint,
  .field .invalid {
    font-size: 0.8rem;
    color: var(--_text-2);
  }
  .field .invalid {
    color: var(--_text);
    border-left: 3px solid var(--_error);
    padding-left: 8px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 44px;
    cursor: pointer;
  }
  .check input {
    width: 22px;
    height: 22px;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
    cursor: pointer;
  }
`,mn=l`
  .surface {
    background: var(--_surface);
    border: 1px solid var(--_divider);
    border-radius: var(--_radius);
  }
  .muted {
    color: var(--_text-2);
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
`,hn=l`
  .filter {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-height: 44px;
    padding: 0 14px;
    border-radius: 22px;
    border: 1px solid var(--_divider);
    background: var(--_surface);
    color: var(--_text);
    font-size: 0.875rem;
    cursor: pointer;
    white-space: nowrap;
    flex: none;
  }
  .filter:hover {
    background: var(--_tint);
  }
  .filter[aria-pressed="true"] {
    background: var(--_tint-strong);
    border-color: var(--_primary);
    font-weight: 600;
  }
  .count {
    min-width: 20px;
    padding: 0 6px;
    border-radius: 10px;
    background: var(--_surface-alt);
    color: var(--_text);
    font-size: 0.75rem;
    font-weight: 600;
    text-align: center;
    font-variant-numeric: tabular-nums;
  }
`,gn=l`
  .rating {
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 1px 8px 1px 4px;
    border-radius: 10px;
    background: rgba(0, 0, 0, 0.78);
    color: #fff;
    font-weight: 600;
    font-size: 0.8rem;
  }
  .rating .icon {
    width: 16px;
    height: 16px;
    color: #ffd54f;
  }
  .in-library .icon {
    width: 16px;
    height: 16px;
    color: var(--_success);
  }
`,_n=`a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])`;function vn(e){return!(e instanceof HTMLElement)||!e.matches(_n)||e.disabled||e.hidden||e.closest(`[inert]`)?!1:e.tabIndex>=0}function yn(e){let t=[],n=e=>{for(let r of Array.from(e.children))if(r instanceof HTMLSlotElement)for(let e of r.assignedElements({flatten:!0}))vn(e)&&t.push(e),n(e.shadowRoot??e);else r.hasAttribute(`hidden`)||(vn(r)&&t.push(r),n(r.shadowRoot??r))};return n(e),t}function bn(){let e=document.activeElement;for(;e?.shadowRoot?.activeElement;)e=e.shadowRoot.activeElement;return e}var xn=`pandora-sheet-open`;D(`pandora-panel-sheet`,class extends w{static get properties(){return{label:{type:String},narrow:{type:Boolean,reflect:!0}}}constructor(){super(),this.restoreFocus=null,this.label=``,this.narrow=!1,this.addEventListener(`keydown`,e=>this.onKeyDown(e))}connectedCallback(){super.connectedCallback();let e=bn();this.restoreFocus=e instanceof HTMLElement?e:null,this.markClosed?.();let t=new Promise(e=>this.markClosed=e);this.dispatchEvent(new CustomEvent(xn,{detail:{closed:t},bubbles:!0,composed:!0}))}disconnectedCallback(){super.disconnectedCallback(),this.markClosed?.(),this.markClosed=void 0;let e=this.restoreFocus;this.restoreFocus=null,e?.isConnected&&e.focus()}firstUpdated(e){super.firstUpdated(e),this.dialog?.focus()}get dialog(){return this.renderRoot.querySelector(`.panel`)}requestClose(){this.dispatchEvent(new CustomEvent(`close`,{bubbles:!1,composed:!1}))}onKeyDown(e){if(e.key===`Escape`){e.stopPropagation(),e.preventDefault(),this.requestClose();return}if(e.key!==`Tab`)return;let t=yn(this.renderRoot);if(e.stopPropagation(),!t.length){e.preventDefault(),this.dialog?.focus();return}let n=t.indexOf(bn()),r=t.length-1;e.shiftKey&&n<=0?(e.preventDefault(),t[r].focus()):e.shiftKey||n!==r&&n!==-1||(e.preventDefault(),t[0].focus())}render(){return y`
      <div class="scrim" @click=${this.requestClose}></div>
      <div class="panel" role="dialog" aria-modal="true" aria-label=${this.label} tabindex="-1">
        ${this.narrow?y`<div class="grabber" aria-hidden="true"><span class="handle"></span></div>`:null}
        <button class="icon-btn close" aria-label="Close" @click=${this.requestClose}>
          ${I(M)}
        </button>
        <div class="body"><slot></slot></div>
      </div>
    `}static{this.styles=[...L,l`
      :host {
        position: fixed;
        inset: 0;
        /* Above the panel's app bar (4) and toast region (20): see the comment at the top. */
        z-index: 30;
        display: flex;
        align-items: center;
        justify-content: center;
      }
      :host([narrow]) {
        align-items: flex-end;
      }
      .scrim {
        position: absolute;
        inset: 0;
        background: rgba(0, 0, 0, 0.55);
        animation: fade 160ms ease-out;
      }
      .panel {
        position: relative;
        display: flex;
        flex-direction: column;
        overflow: hidden;
        width: min(760px, calc(100% - 48px));
        max-height: calc(100% - 64px);
        background: var(--_surface);
        color: var(--_text);
        border-radius: calc(var(--_radius) + 4px);
        box-shadow: 0 12px 40px rgba(0, 0, 0, 0.35);
        animation: pop 180ms ease-out;
      }
      :host([narrow]) .panel {
        width: 100%;
        max-height: calc(100% - 40px);
        border-radius: 20px 20px 0 0;
        animation: rise 220ms ease-out;
      }
      :host([narrow]) .body {
        padding-bottom: env(safe-area-inset-bottom, 0px);
      }
      .panel:focus {
        /* Focus rests on the dialog only until the first Tab; it is not a control. */
        outline: none;
      }
      .body {
        overflow-y: auto;
        overscroll-behavior: contain;
        min-height: 0;
      }
      /*
       * The bottom sheet's handle sits in a strip of its own above the scrolling body, on the
       * sheet's background: content scrolls under the strip, never under the handle.
       */
      .grabber {
        flex: none;
        display: flex;
        justify-content: center;
        align-items: center;
        height: 16px;
        background: var(--_surface);
      }
      .handle {
        width: 40px;
        height: 4px;
        border-radius: 2px;
        background: var(--_divider);
      }
      .close {
        position: absolute;
        top: 10px;
        right: 10px;
        z-index: 3;
        background: var(--_surface);
        box-shadow: 0 1px 4px rgba(0, 0, 0, 0.3);
      }
      .close:hover {
        background: var(--_surface-alt);
      }
      @keyframes fade {
        from {
          opacity: 0;
        }
      }
      @keyframes pop {
        from {
          opacity: 0;
          transform: scale(0.96);
        }
      }
      @keyframes rise {
        from {
          transform: translateY(40%);
          opacity: 0.4;
        }
      }
    `]}}),D(`pandora-confirm`,class extends w{static get properties(){return{narrow:{type:Boolean},label:{type:String},heading:{type:String},subject:{type:String},body:{type:String},confirmLabel:{type:String,attribute:`confirm-label`},busyLabel:{type:String,attribute:`busy-label`},danger:{type:Boolean},busy:{type:Boolean},disabled:{type:Boolean}}}constructor(){super(),this.narrow=!1,this.label=``,this.heading=``,this.subject=``,this.body=``,this.confirmLabel=``,this.busyLabel=``,this.danger=!1,this.busy=!1,this.disabled=!1}fire(e){this.dispatchEvent(new CustomEvent(e))}render(){return y`<pandora-panel-sheet .narrow=${this.narrow} label=${this.label} @close=${()=>this.fire(`cancel`)}>
      <div class="confirm">
        <h2>${this.heading}</h2>
        ${this.subject?y`<p class="confirm-name">${this.subject}</p>`:x}
        <slot name="subject"></slot>
        ${this.body?y`<p class="confirm-body">${this.body}</p>`:x}
        <slot></slot>
        <div class="confirm-actions">
          <button class="btn" ?disabled=${this.busy} @click=${()=>this.fire(`cancel`)}>Cancel</button>
          <button
            class="btn confirm ${this.danger?`danger`:`primary`}"
            ?disabled=${this.busy||this.disabled}
            @click=${()=>this.fire(`confirm`)}
          >
            ${this.busy&&this.busyLabel?this.busyLabel:this.confirmLabel}
          </button>
        </div>
      </div>
    </pandora-panel-sheet>`}static{this.styles=[...L,l`
      .confirm {
        padding: 24px 20px 20px;
        display: flex;
        flex-direction: column;
        gap: 14px;
      }
      h2 {
        font-size: 1.2rem;
        font-weight: 600;
        padding-right: 44px;
      }
      .confirm-name,
      ::slotted(.confirm-name) {
        overflow-wrap: anywhere;
        font-weight: 500;
      }
      .confirm-body {
        color: var(--_text-2);
        line-height: 1.45;
      }
      .confirm-actions {
        display: flex;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 10px;
      }
    `]}});var Sn=[`B`,`kB`,`MB`,`GB`,`TB`,`PB`],Cn=new Map;function wn(e,t){let n=Cn.get(e);if(n===void 0){try{n=t()}catch{n=null}Cn.set(e,n)}return n}function Tn(e,t,n){let r=wn(`number\u0000${t}\u0000${n}`,()=>new Intl.NumberFormat(t,{maximumFractionDigits:n}));return r?r.format(e):e.toFixed(n)}function z(e,t=`en`){if(e==null||!Number.isFinite(e)||e<0)return`—`;let n=e,r=0;for(;n>=1e3&&r<Sn.length-1;)n/=1e3,r+=1;return`${Tn(n,t,r===0||n>=100?0:1)} ${Sn[r]}`}function En(e,t=`en`){return`${z(e,t)}/s`}function Dn(e,t=`en`){return e>=1?`${Tn(100,t,0)}%`:`${Tn(Math.floor(Math.max(0,e)*1e3)/10,t,1)}%`}function On(e){if(e==null||!Number.isFinite(e)||e<0||e>=864e4)return`∞`;let t=Math.round(e);if(t<60)return`${t} s`;let n=Math.round(t/60);if(n<60)return`${n} min`;if(n<1440){let e=Math.floor(n/60),t=n%60;return t?`${e} h ${t} min`:`${e} h`}let r=Math.round(t/3600),i=Math.floor(r/24),a=r%24;return a?`${i} d ${a} h`:`${i} d`}function kn(e){if(!e)return null;let t=Math.floor(e/60),n=e%60;return t?n?`${t} h ${n} min`:`${t} h`:`${n} min`}var An=[[`second`,60],[`minute`,60],[`hour`,24],[`day`,7],[`week`,4.35],[`month`,12],[`year`,1/0]];function B(e,t=`en`,n=Date.now()){if(!e)return``;let r=Date.parse(e);if(Number.isNaN(r))return``;let i=(r-n)/1e3;for(let[e,n]of An){if(Math.abs(i)<n){let n=wn(`relative\u0000${t}`,()=>new Intl.RelativeTimeFormat(t,{numeric:`auto`}));return n?n.format(Math.round(i),e):new Date(r).toLocaleString()}i/=n}return``}function V(e,t=`en`){if(!e)return``;let n=Date.parse(e);if(Number.isNaN(n))return``;let r=wn(`date\u0000${t}`,()=>new Intl.DateTimeFormat(t,{dateStyle:`medium`,timeStyle:`short`}));return r?r.format(n):new Date(n).toISOString()}function jn(e,t){return e&&t&&e.split(`?`)[0]===t.split(`?`)[0]?t:e}function Mn(e){if(e.health===`unhealthy`)return{tone:`bad`,label:`Unhealthy`};switch(e.state){case`running`:return e.health===`healthy`?{tone:`ok`,label:`Healthy`}:e.health===`starting`?{tone:`warn`,label:`Starting`}:{tone:`warn`,label:`Running, no health check`};case`exited`:return{tone:`bad`,label:`Exited`};case`dead`:return{tone:`bad`,label:`Dead`};case`paused`:return{tone:`warn`,label:`Paused`};case`restarting`:return{tone:`warn`,label:`Restarting`};case`removing`:return{tone:`warn`,label:`Removing`};default:return{tone:`idle`,label:`Created`}}}function Nn(e){let t=new Map;for(let n of e.stacks)t.set(n.name,{name:n.name,stack:n,containers:[]});let n=[];for(let r of e.containers){if(!r.stack){n.push(r);continue}let e=t.get(r.stack)??{name:r.stack,stack:null,containers:[]};e.containers.push(r),t.set(r.stack,e)}let r=(e,t)=>e.name.localeCompare(t.name,void 0,{numeric:!0}),i=[...t.values()].map(e=>({...e,containers:[...e.containers].sort(r)})).sort((e,t)=>r({name:e.name},{name:t.name}));return n.length&&i.push({name:null,stack:null,containers:n.sort(r)}),i}function Pn(e,t){let n=Mn(e),r=[];return e.cpu_percent!=null&&r.push(`CPU ${e.cpu_percent.toFixed(1)}%`),e.memory_bytes!=null&&r.push(`RAM ${z(e.memory_bytes,t.language)}`),y`<li class="container tone-${n.tone}" data-name=${e.name}>
    <span class="health" title=${n.label}><span class="dot"></span></span>
    <div class="container-main">
      <span class="container-name">${e.name}</span>
      <span class="container-state"
        ><span class="health-label">${n.label}</span>${e.status?y` · <span>${e.status}</span>`:x}</span
      >
      <span class="container-image">${e.image}</span>
      ${r.length||t.showEndpoint||!e.reachable?y`<span class="container-stats">
            ${r.map(e=>y`<span>${e}</span>`)}
            ${t.showEndpoint&&e.endpoint?y`<span>${e.endpoint}</span>`:x}
            ${e.reachable?x:y`<span class="unreachable">Environment not reachable</span>`}
          </span>`:x}
    </div>
    ${t.admin?y`<span class="container-actions">
          <button class="btn text" aria-label="Logs of ${e.name}" @click=${()=>t.onLogs(e)}>
            ${I(dn)}<span class="label">Logs</span>
          </button>
          <button
            class="icon-btn"
            aria-label="Restart ${e.name}"
            title="Restart"
            ?disabled=${t.busy}
            @click=${()=>t.onRestart(e)}
          >
            ${I(rn)}
          </button>
        </span>`:x}
  </li>`}var Fn=l`
  .container {
    --_tone: var(--_text-2);
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: 64px;
    padding: 8px 8px 8px 16px;
    border-top: 1px solid var(--_divider);
  }
  .tone-ok {
    --_tone: var(--_success);
  }
  .tone-warn {
    --_tone: var(--_warning);
  }
  .tone-bad {
    --_tone: var(--_error);
  }
  .health {
    display: inline-grid;
    place-items: center;
    width: 16px;
    height: 16px;
    flex: none;
  }
  .health .dot {
    width: 12px;
    height: 12px;
    background: var(--_tone);
    box-shadow: 0 0 0 3px color-mix(in srgb, var(--_tone) 22%, transparent);
  }
  .container-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .container-name {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .container-state,
  .container-image,
  .container-stats {
    font-size: 0.8rem;
    color: var(--_text-2);
    overflow-wrap: anywhere;
  }
  .health-label {
    color: var(--_text);
    font-weight: 500;
  }
  .container-image {
    font-family: var(--ha-font-family-code, ui-monospace, monospace);
    font-size: 0.75rem;
  }
  .container-stats {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-variant-numeric: tabular-nums;
  }
  .unreachable {
    color: var(--_text);
    border-left: 3px solid var(--_error);
    padding-left: 6px;
  }
  .container-actions {
    display: flex;
    align-items: center;
    gap: 2px;
    flex: none;
  }
  .container-actions .btn {
    padding: 0 10px;
  }
  @media (max-width: 420px) {
    .container-actions .label {
      display: none;
    }
  }
`,In=class{constructor(e,t){this.host=e,this.options=t,this.value=null,this.error=null,this.subscription=null,e.addController(this)}get loaded(){return this.value!==null}hostConnected(){this.start()}hostUpdated(){this.start()}hostDisconnected(){this.stop()}start(){let e=this.options.api();if(!this.subscription&&!this.error&&this.host.isConnected&&e?.hass&&(!this.options.enabled||this.options.enabled()))try{let t=this.options.open(e,e=>{this.value=e,this.error=null,this.host.requestUpdate()},e=>{this.subscription===t&&(this.error=e,this.subscription=null,this.host.requestUpdate())});this.subscription=t}catch(e){this.error=e,this.host.requestUpdate()}}stop(){this.subscription?.close(),this.subscription=null}retry(){this.stop(),this.value=null,this.error=null,this.start(),this.host.requestUpdate()}},Ln=`/config/integrations/integration/pandora`;function H(e,t,n){return y`<div class="state error" role="alert">
    ${I(A)}
    <h3>${e}</h3>
    <p class="message">${T(t)}</p>
    ${n?y`<button class="btn" @click=${n}>${I(F)} Try again</button>`:x}
  </div>`}function U(e,t,n,r){return y`<div class="state">
    ${I(e)}
    <h3>${t}</h3>
    <p>${n}</p>
    ${r??x}
  </div>`}function W(e){let{iconPath:t,title:n,why:r,service:i,admin:a}=e,o=y`<span class="path"
    >Settings → Devices &amp; services → Pandora → Add ${i}</span
  >`;return y`<div class="state">
    ${I(t)}
    <h2>${n}</h2>
    <p>${r}</p>
    <p>
      ${a?y`To add it, go to ${o}.`:y`Ask an administrator to add it: ${o}.`}
    </p>
    ${a?y`<button
          class="btn primary"
          @click=${e=>G(e.currentTarget,{path:Ln})}
        >
          ${I(jt)} Open Pandora settings
        </button>`:x}
  </div>`}function G(e,t){e.dispatchEvent(new CustomEvent(`pandora-navigate`,{detail:t,bubbles:!0,composed:!0}))}function K(e,t){e.dispatchEvent(new CustomEvent(`pandora-toast`,{detail:t,bubbles:!0,composed:!0}))}var Rn=[100,500,1e3];function zn(e,t){if(!e.time)return``;let n=Date.parse(e.time);if(Number.isNaN(n))return``;try{return new Intl.DateTimeFormat(t,{hour:`2-digit`,minute:`2-digit`,second:`2-digit`}).format(n)}catch{return e.time}}D(`pandora-panel-logs`,class extends w{static get properties(){return{api:{attribute:!1},container:{type:String},instance:{type:String},_tail:{state:!0},_logs:{state:!0},_error:{state:!0},_loading:{state:!0}}}constructor(){super(),this.requestId=0,this.container=``,this._tail=Rn[0],this._logs=null,this._error=null,this._loading=!1}willUpdate(e){(e.has(`container`)||e.has(`api`))&&this.api&&this.container&&this.refresh()}updated(e){if(e.has(`_logs`)&&this._logs){let e=this.renderRoot.querySelector(`.log`);e&&(e.scrollTop=e.scrollHeight)}}async refresh(){let e=++this.requestId;this._loading=!0;try{let t=await this.api.containerLogs(this.container,this._tail,this.instance);if(e!==this.requestId)return;this._logs=t,this._error=null}catch(t){e===this.requestId&&(this._error=t)}finally{e===this.requestId&&(this._loading=!1)}}changeTail(e){this._tail=Number(e.target.value),this.refresh()}render(){let e=this._logs?.lines.filter(e=>e.stream===`stderr`).length??0;return y`<div class="viewer">
      <h2>Logs of ${this.container}</h2>
      <div class="tools">
        <label class="field tail">
          <span>Lines</span>
          <select .value=${String(this._tail)} @change=${this.changeTail}>
            ${Rn.map(e=>y`<option value=${e} ?selected=${e===this._tail}>Last ${e}</option>`)}
          </select>
        </label>
        <button class="btn" ?disabled=${this._loading} @click=${()=>void this.refresh()}>
          ${I(F)} ${this._loading?`Loading…`:`Refresh`}
        </button>
        ${this._logs?y`<p class="legend muted">
              ${this._logs.lines.length} lines${e?y`, <span class="err-key">${e} on stderr</span>`:x}
            </p>`:x}
      </div>
      ${this.renderBody()}
    </div>`}renderBody(){if(this._error)return H(`Could not load the logs`,this._error,()=>void this.refresh());let e=this._logs;if(!e)return y`<div class="log skeleton" aria-busy="true" aria-label="Loading the logs"></div>`;if(!e.lines.length)return y`<p class="log empty muted">No log lines.</p>`;let t=this.api.language;return y`<div
      class="log"
      role="log"
      tabindex="0"
      aria-label="Last ${e.lines.length} lines of ${e.container}"
      aria-busy=${this._loading?`true`:`false`}
    >
      ${e.lines.map(e=>{let n=zn(e,t);return y`<div class="line ${e.stream}">
          ${n?y`<time datetime=${e.time??``} title=${V(e.time,t)}>${n}</time>`:x}
          ${e.stream===`stderr`?y`<span class="stream">err</span>`:x}
          <span class="text">${e.text}</span>
        </div>`})}
    </div>`}static{this.styles=[...L,R,l`
      :host {
        display: block;
      }
      .viewer {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 20px 16px 16px;
      }
      h2 {
        font-size: 1.15rem;
        font-weight: 600;
        padding-right: 48px;
        overflow-wrap: anywhere;
      }
      .tools {
        display: flex;
        align-items: flex-end;
        flex-wrap: wrap;
        gap: 8px 12px;
      }
      .legend {
        font-size: 0.85rem;
        align-self: center;
      }
      .err-key {
        color: var(--_text);
        border-bottom: 2px solid var(--_error);
      }
      .log {
        min-height: 200px;
        max-height: min(60vh, 560px);
        overflow: auto;
        padding: 8px 0;
        border-radius: 8px;
        border: 1px solid var(--_divider);
        background: var(--_surface-alt);
        font-family: var(--ha-font-family-code, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
        font-size: 0.8rem;
        line-height: 1.45;
      }
      .log.empty {
        min-height: 0;
        padding: 16px;
        font-family: inherit;
      }
      .line {
        display: flex;
        gap: 10px;
        padding: 1px 12px 1px 10px;
        border-left: 3px solid transparent;
      }
      .line.stderr {
        border-left-color: var(--_error);
        background: color-mix(in srgb, var(--_error) 9%, transparent);
      }
      .line time {
        flex: none;
        color: var(--_text-2);
      }
      .stream {
        flex: none;
        padding: 0 4px;
        border-radius: 3px;
        border: 1px solid var(--_error);
        color: var(--_text);
        font-size: 0.7rem;
        text-transform: uppercase;
        line-height: 1.5;
        height: fit-content;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        min-width: 0;
      }
    `]}});function Bn(e,t,n=`en`){if(e==null||!Number.isFinite(e))return y`<div class="progress indeterminate" role="progressbar" aria-label=${t}>
      <div class="progress-fill"></div>
    </div>`;let r=Math.min(100,Math.max(0,e));return y`<div
    class="progress"
    role="progressbar"
    aria-label=${t}
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${Math.floor(r*10)/10}
    aria-valuetext=${Dn(r/100,n)}
  >
    <div class="progress-fill" style="width: ${r}%"></div>
  </div>`}function Vn(e,t=`en`){return e==null?x:Dn(e/100,t)}var Hn=l`
  .progress {
    position: relative;
    height: 8px;
    border-radius: 4px;
    background: var(--_surface-alt);
    overflow: hidden;
  }
  .progress-fill {
    height: 100%;
    border-radius: 4px;
    background: var(--_primary);
    transition: width 400ms ease;
  }
  .progress.indeterminate .progress-fill {
    width: 35%;
    animation: indeterminate 1.3s ease-in-out infinite;
  }
  @keyframes indeterminate {
    from {
      transform: translateX(-100%);
    }
    to {
      transform: translateX(300%);
    }
  }
`,Un={running:[`Connected`,`ok`],starting:[`Connecting`,`warn`],stopping:[`Stopping`,`warn`],stopped:[`Stopped`,`bad`],crashed:[`Crashed`,`bad`],completed:[`Stopped`,`bad`]};function Wn(e,t=e.switching){return e.available?t?[`Switching`,`warn`]:e.leaking?[`Possible leak`,`bad`]:Un[e.status??``]??[e.status??`Unknown`,`warn`]:[`Not answering`,`bad`]}D(`pandora-panel-vpn`,class extends w{static get properties(){return{api:{attribute:!1},vpn:{attribute:!1},admin:{type:Boolean},_choice:{state:!0},_pending:{state:!0},_error:{state:!0}}}constructor(){super(),this.admin=!1,this._choice=``,this._pending=null,this._error=null}willUpdate(e){let t=e.get(`vpn`);e.has(`vpn`)&&this.vpn&&(!this._choice||this._choice===t?.selected)&&(this._choice=this.vpn.selected??this.vpn.options[0]??``)}get switching(){return this._pending!==null||!!this.vpn?.switching}async switchCountry(){let e=this._choice;if(e&&!this.switching){this._pending=e,this._error=null;try{let t=await this.api.setVpnCountry(e,this.vpn.id),n=t.public_ip?` Public IP ${t.public_ip}${t.public_ip_country?` (${t.public_ip_country})`:``}.`:``;K(this,{kind:`success`,message:`${this.vpn.title} now uses ${t.country??e}.${n}`})}catch(t){this._error={country:e,error:t},this._choice=this.vpn.selected??this._choice}finally{this._pending=null}}}render(){let e=this.vpn;if(!e)return x;let[t,n]=Wn(e,this.switching),r=`vpn-${e.id}`,i=[e.city,e.country].filter(Boolean).join(`, `),a=this._pending??(e.switching?e.selected:null);return y`<section class="vpn surface tone-${n}" aria-labelledby=${r}>
      <header class="head">
        ${I(e.leaking?on:sn)}
        <h2 id=${r}>${e.title}</h2>
        <span class="chip status"><span class="dot"></span>${t}</span>
      </header>
      ${e.leaking?y`<p class="banner error leak" role="alert">
            ${I(on)}
            <span
              ><strong>Possible leak:</strong> the public IP${e.public_ip?` ${e.public_ip}`:``} is in
              ${e.country??`another country`}, not in ${e.selected??`the selected country`}. Traffic may not be
              going through the VPN.</span
            >
          </p>`:x}
      <dl class="facts">
        <div>
          <dt>Public IP</dt>
          <dd class="ip">${e.public_ip??`—`}</dd>
        </div>
        <div>
          <dt>Location</dt>
          <dd>${i||`—`}</dd>
        </div>
        <div>
          <dt>Selected country</dt>
          <dd>${e.selected??`—`}</dd>
        </div>
      </dl>
      ${this.admin&&e.options.length?this.renderSwitch():x}
      ${a?y`<div class="switching" role="status">
            ${Bn(null,`Switching ${e.title} to ${a}`)}
            <p>Switching to ${a}… This can take up to a minute while the VPN reconnects.</p>
          </div>`:x}
      ${this._error?y`<div class="banner error" role="alert">
            <span class="message"
              >Could not switch to ${this._error.country}: ${T(this._error.error)}</span
            >
            <button class="icon-btn" aria-label="Dismiss" @click=${()=>this._error=null}>
              ${I(M)}
            </button>
          </div>`:x}
    </section>`}renderSwitch(){let e=this.vpn,t=this.switching;return y`<div class="switch-row">
      <label class="field">
        <span>VPN country</span>
        <select
          .value=${this._choice}
          ?disabled=${t||!e.available}
          @change=${e=>this._choice=e.target.value}
        >
          ${e.options.map(e=>y`<option value=${e} ?selected=${e===this._choice}>${e}</option>`)}
        </select>
      </label>
      <button
        class="btn primary"
        ?disabled=${t||!e.available||!this._choice||this._choice===e.selected}
        @click=${()=>void this.switchCountry()}
      >
        ${t?`Switching…`:`Switch`}
      </button>
    </div>`}static{this.styles=[...L,R,mn,Hn,l`
      :host {
        display: block;
      }
      .vpn {
        --_tone: var(--_text-2);
        display: flex;
        flex-direction: column;
        gap: 14px;
        padding: 16px;
      }
      .tone-ok {
        --_tone: var(--_success);
      }
      .tone-warn {
        --_tone: var(--_warning);
      }
      .tone-bad {
        --_tone: var(--_error);
      }
      .head {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      .head > .icon {
        color: var(--_accent-text);
      }
      h2 {
        flex: 1;
        min-width: 0;
        font-size: 1.15rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .status .dot {
        color: var(--_tone);
      }
      .facts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: 8px 16px;
        margin: 0;
      }
      dt {
        font-size: 0.8rem;
        color: var(--_text-2);
      }
      dd {
        margin: 2px 0 0;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .ip {
        font-family: var(--ha-font-family-code, ui-monospace, monospace);
      }
      .switch-row {
        display: flex;
        align-items: flex-end;
        flex-wrap: wrap;
        gap: 10px;
      }
      .switch-row select {
        min-width: 200px;
      }
      .switching {
        display: flex;
        flex-direction: column;
        gap: 8px;
        font-size: 0.9rem;
      }
      .banner .message {
        flex: 1;
        align-self: center;
      }
      .banner .icon-btn {
        margin: -8px -8px -8px 0;
      }
    `]}});var q=class extends w{static get properties(){return{api:{attribute:!1},info:{attribute:!1},admin:{type:Boolean},narrow:{type:Boolean}}}},Gn=(e,t)=>`${e}\u0000${t}`;D(`pandora-panel-containers`,class extends q{static get properties(){return{_busy:{state:!0},_confirm:{state:!0},_logs:{state:!0}}}constructor(){super(),this.feed=new In(this,{api:()=>this.api,enabled:()=>this.configured,open:(e,t,n)=>e.subscribe(`pandora/containers/subscribe`,t,n)}),this.info=null,this.admin=!1,this.narrow=!1,this._busy=new Set,this._confirm=null,this._logs=null}get configured(){let e=this.info?.services;return!!(e?.portainer?.length||e?.gluetun?.length)}async run(e,t,n,r){this._busy=new Set([...this._busy,e]);try{await t(),K(this,{kind:`success`,message:n})}catch(e){K(this,{kind:`error`,message:`${r}: ${T(e)}`})}finally{let t=new Set(this._busy);t.delete(e),this._busy=t}}cancelConfirm(){this._confirm=null}confirmed(){let e=this._confirm;if(this._confirm=null,!e)return;let t=e.portainer.id;if(e.kind===`restart`){let n=e.container.name;this.run(Gn(t,`container:${n}`),()=>this.api.restartContainer(n,t),`Restarted ${n}.`,`Could not restart ${n}`)}else{let{stack:n}=e;this.run(Gn(t,`stack:${n.id}`),()=>this.api.redeployStack(String(n.id),t),`Redeployed the ${n.name} stack.`,`Could not redeploy ${n.name}`)}}render(){if(this.info&&!this.configured)return W({iconPath:Pt,title:`Add Portainer to watch your containers`,why:`Containers shows the health of your Docker containers by stack through Portainer, with their logs, and the VPN's status and country through gluetun. Administrators can restart containers, redeploy stacks and switch the VPN's country.`,service:`Portainer (and gluetun for the VPN)`,admin:this.admin});if(this.feed.error)return H(`Could not load the containers`,this.feed.error,()=>this.feed.retry());let e=this.feed.value;if(!e)return y`<div aria-busy="true" aria-label="Loading the containers">
        ${[0,1].map(()=>y`<div class="surface skeleton block-skeleton"></div>`)}
      </div>`;let t=this._confirm;return y`
      ${e.gluetun.length?y`<div class="vpns">
            ${k(e.gluetun,e=>e.id,e=>y`<pandora-panel-vpn .api=${this.api} .vpn=${e} ?admin=${this.admin}></pandora-panel-vpn>`)}
          </div>`:x}
      ${e.portainer.length?k(e.portainer,e=>e.id,t=>this.renderPortainer(t,e.portainer.length>1)):e.gluetun.length?x:U(Pt,`Nothing to show`,`No Portainer or gluetun is running right now.`)}
      ${t?.kind===`restart`?y`<pandora-confirm
            .narrow=${this.narrow}
            label="Restart container"
            heading="Restart this container?"
            subject=${t.container.name}
            body="It stops and starts again; what runs in it is unavailable for a moment."
            confirm-label="Restart"
            danger
            @confirm=${this.confirmed}
            @cancel=${this.cancelConfirm}
          ></pandora-confirm>`:x}
      ${t?.kind===`redeploy`?y`<pandora-confirm
            .narrow=${this.narrow}
            label="Redeploy stack"
            heading="Redeploy this stack?"
            subject=${t.stack.name}
            body="Portainer pulls its images and recreates its containers with the same file and settings; they are unavailable meanwhile."
            confirm-label="Redeploy"
            danger
            @confirm=${this.confirmed}
            @cancel=${this.cancelConfirm}
          ></pandora-confirm>`:x}
      ${this._logs?y`<pandora-panel-sheet
            .narrow=${this.narrow}
            label="Logs of ${this._logs.container.name}"
            @close=${()=>this._logs=null}
          >
            <pandora-panel-logs
              .api=${this.api}
              container=${this._logs.container.name}
              instance=${this._logs.portainer.id}
            ></pandora-panel-logs>
          </pandora-panel-sheet>`:x}
    `}renderPortainer(e,t){let n=Nn(e),r=new Set(e.containers.map(e=>e.endpoint)),i=e.containers.filter(e=>Mn(e).tone===`bad`).length;return y`<section class="portainer" data-portainer=${e.id} aria-label=${e.title}>
      <header class="portainer-head">
        ${t?y`<h2>${e.title}</h2>`:y`<h2>Containers</h2>`}
        <span class="muted summary"
          >${e.containers.length} containers${i?y`, <strong>${i} need attention</strong>`:x}</span
        >
      </header>
      ${e.available?x:y`<p class="banner" role="status">
            ${I(A)}<span>${e.title} is not answering; this may be out of date.</span>
          </p>`}
      ${n.length?n.map(t=>this.renderGroup(e,t,r.size>1)):y`<p class="muted">No containers.</p>`}
    </section>`}renderGroup(e,t,n){let r=t.stack,i=t.containers.filter(e=>e.state===`running`).length,a=r?this._busy.has(Gn(e.id,`stack:${r.id}`)):!1,o=this.api.language;return y`<section class="stack surface" data-stack=${t.name??``}>
      <header class="stack-head">
        <div class="stack-title">
          <h3>${t.name??`Other containers`}</h3>
          <span class="muted stack-meta"
            >${i} of ${t.containers.length} running${r&&!r.active?` · stack stopped`:``}${t.name&&!r?` · not managed by Portainer`:``}</span
          >
        </div>
        ${this.admin&&r?y`<button
              class="btn"
              aria-label="Redeploy ${r.name}"
              ?disabled=${a}
              @click=${()=>this._confirm={kind:`redeploy`,portainer:e,stack:r}}
            >
              ${I(an)}<span class="label">${a?`Redeploying…`:`Redeploy`}</span>
            </button>`:x}
      </header>
      ${t.containers.length?y`<ul class="plain">
            ${k(t.containers,e=>e.key,t=>Pn(t,{admin:this.admin,busy:this._busy.has(Gn(e.id,`container:${t.name}`)),showEndpoint:n,language:o,onLogs:t=>this._logs={portainer:e,container:t},onRestart:t=>this._confirm={kind:`restart`,portainer:e,container:t}}))}
          </ul>`:y`<p class="muted none">No containers of this stack are there.</p>`}
    </section>`}static{this.styles=[...L,mn,Fn,l`
      :host {
        display: flex;
        flex-direction: column;
        gap: 20px;
        padding: 16px 12px 32px;
        max-width: 960px;
        margin: 0 auto;
      }
      .vpns,
      .portainer {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      .block-skeleton {
        height: 180px;
        margin-bottom: 16px;
      }
      .portainer-head {
        display: flex;
        align-items: baseline;
        flex-wrap: wrap;
        gap: 4px 12px;
      }
      h2 {
        font-size: 1.15rem;
        font-weight: 600;
      }
      .summary {
        font-size: 0.9rem;
      }
      .summary strong {
        color: var(--_text);
      }
      .stack {
        overflow: hidden;
      }
      .stack-head {
        display: flex;
        align-items: center;
        gap: 8px 12px;
        padding: 10px 12px 10px 16px;
      }
      .stack-title {
        flex: 1;
        min-width: 0;
      }
      h3 {
        font-size: 1rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .stack-meta {
        font-size: 0.82rem;
      }
      .none {
        padding: 0 16px 14px;
        font-size: 0.9rem;
      }
      @media (max-width: 420px) {
        .stack-head .label {
          display: none;
        }
        .stack-head .btn {
          padding: 0;
        }
      }
      @media (min-width: 600px) {
        :host {
          padding: 24px 24px 40px;
        }
      }
    `]}});function J(e){if(!e)return;let t;try{t=new URL(e,document.baseURI)}catch{return}return t.protocol===`http:`||t.protocol===`https:`?e:void 0}var Kn=e=>e??x;function qn(e){let t=e.media_type===`tv`?`TV series`:`Movie`,n=[e.title,t];return e.year&&n.push(String(e.year)),e.rating>0&&n.push(`rated ${e.rating.toFixed(1)} out of 10`),e.in_library&&n.push(`in your library`),n.join(`, `)}function Jn(){return y`<span class="in-library">${I(Tt)}In your library</span>`}function Yn(e,t){return y`<button
    class="list-toggle"
    aria-label="My List: ${e.title}"
    title=${t.inList?`Remove from My List`:`Add to My List`}
    aria-pressed=${t.inList?`true`:`false`}
    ?disabled=${t.busy}
    @click=${()=>t.toggle(e)}
  >
    <span class="list-toggle-face">${I(t.inList?j:tn)}</span>
  </button>`}function Xn(e){e.target.hidden=!0}function Zn(e,t,n){let r=y`<button
    class="card"
    aria-label=${qn(e)}
    data-tmdb-id=${e.tmdb_id}
    @click=${()=>t(e)}
  >
    <div class="poster" aria-hidden="true">
      <div class="placeholder">${I(Yt)}<span>${e.title}</span></div>
      ${e.poster_url?y`<img
            src=${e.poster_url}
            alt=""
            loading="lazy"
            decoding="async"
            width="342"
            height="513"
            @error=${Xn}
          />`:x}
      ${e.rating>0?y`<span class="rating">${I(cn)}${e.rating.toFixed(1)}</span>`:x}
      ${e.in_library?Jn():x}
    </div>
    <span class="title" aria-hidden="true">${e.title}</span>
    <span class="year" aria-hidden="true"
      >${e.year??``}${e.media_type===`tv`?y` · TV`:x}</span
    >
  </button>`;return n?y`<div class="card-wrap">${r}${Yn(e,n)}</div>`:r}function Qn(){return y`<div class="card" aria-hidden="true">
    <div class="poster skeleton"></div>
    <span class="skeleton line"></span>
    <span class="skeleton line short"></span>
  </div>`}var $n=l`
  .card {
    display: flex;
    flex-direction: column;
    gap: 4px;
    width: 100%;
    padding: 0 0 4px;
    border: none;
    background: none;
    color: var(--_text);
    text-align: left;
    cursor: pointer;
    border-radius: calc(var(--_radius) - 2px);
  }
  .poster {
    position: relative;
    aspect-ratio: 2 / 3;
    width: 100%;
    border-radius: calc(var(--_radius) - 2px);
    overflow: hidden;
    background: var(--_surface-alt);
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.2);
    transition: transform 160ms ease, box-shadow 160ms ease;
  }
  .card:hover .poster,
  .card:focus-visible .poster {
    transform: translateY(-2px);
    box-shadow: 0 6px 16px rgba(0, 0, 0, 0.3);
  }
  .poster img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .placeholder {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 8px;
    padding: 12px;
    color: var(--_text-2);
    text-align: center;
    font-size: 0.8rem;
    overflow: hidden;
  }
  .placeholder .icon {
    width: 36px;
    height: 36px;
  }
  .rating {
    position: absolute;
    top: 6px;
    left: 6px;
    display: inline-flex;
    align-items: center;
    gap: 2px;
    padding: 2px 6px 2px 4px;
    border-radius: 10px;
    background: rgba(0, 0, 0, 0.78);
    color: #fff;
    font-size: 0.75rem;
    font-weight: 600;
  }
  .rating .icon {
    width: 14px;
    height: 14px;
    color: #ffd54f;
  }
  .in-library {
    position: absolute;
    left: 6px;
    bottom: 6px;
    max-width: calc(100% - 12px);
    display: inline-flex;
    align-items: center;
    gap: 3px;
    padding: 2px 7px 2px 4px;
    border-radius: 10px;
    background: rgba(0, 0, 0, 0.78);
    color: #fff;
    font-size: 0.7rem;
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
  }
  .in-library .icon {
    width: 14px;
    height: 14px;
    color: #81c784;
  }
  .card-wrap {
    position: relative;
  }
  /* 44 px to touch, a 32 px disc to see, in the poster's top right corner. */
  .list-toggle {
    position: absolute;
    top: 0;
    right: 0;
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    padding: 0;
    border: none;
    background: none;
    cursor: pointer;
  }
  .list-toggle-face {
    display: grid;
    place-items: center;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    background: rgba(0, 0, 0, 0.66);
    color: #fff;
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35);
    transition: background-color 120ms ease;
  }
  .list-toggle-face .icon {
    width: 20px;
    height: 20px;
  }
  .list-toggle:hover .list-toggle-face {
    background: rgba(0, 0, 0, 0.86);
  }
  .list-toggle[aria-pressed="true"] .list-toggle-face {
    box-shadow: 0 0 0 2px var(--_primary), 0 1px 3px rgba(0, 0, 0, 0.35);
  }
  .list-toggle[disabled] {
    cursor: default;
    opacity: 0.7;
  }
  .title {
    font-size: 0.875rem;
    font-weight: 500;
    line-height: 1.25;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .year {
    font-size: 0.8rem;
    color: var(--_text-2);
  }
  .line {
    display: block;
    height: 12px;
    margin-top: 4px;
    width: 90%;
  }
  .line.short {
    width: 40%;
  }
`;function er(e){return Object.values(e?.states??{}).filter(e=>e.entity_id.startsWith(`media_player.`)&&e.state!==`unavailable`&&!!(Number(e.attributes?.supported_features)&512)).map(e=>({entity_id:e.entity_id,name:e.attributes.friendly_name||e.entity_id,state:e.state})).sort((e,t)=>e.name.localeCompare(t.name)||e.entity_id.localeCompare(t.entity_id))}function tr(e){return e.episode==null?null:e.season==null?`E${e.episode}`:`S${e.season}E${e.episode}`}function nr(e){return e.type===`Episode`&&e.series_name?`${e.series_name} · ${tr(e)??e.name}`:e.name}function rr(e){return e.progress!=null&&Number.isFinite(e.progress)?e.progress:e.runtime_seconds&&e.position_seconds>0?e.position_seconds/e.runtime_seconds*100:null}function ir(e){if(!e.runtime_seconds)return null;let t=e.runtime_seconds-Math.max(0,e.position_seconds||0);return t<=0?null:`${On(t)} left`}function ar(e){return{item_id:e.item_id,instance:e.instance}}function or(e){switch(e){case`Movie`:return`Movie`;case`Series`:return`TV series`;case`Episode`:return`Episode`;default:return e}}function sr(e){if(e.tmdb_id==null||e.media_type!==`movie`&&e.media_type!==`tv`)return null;let t=e.type===`Episode`;return{tmdb_id:e.tmdb_id,media_type:e.media_type,title:e.media_type===`tv`?e.series_name??e.name:e.name,year:t?null:e.year,overview:t?null:e.overview,rating:0,vote_count:0,poster_url:e.image_url,backdrop_url:e.backdrop_url,genre_ids:[],in_library:!0}}function cr(e,t=!0){return J(e)?y`<a class="btn ${t?`primary`:``} play-jellyfin" href=${Kn(J(e))} target="_blank" rel="noopener"
    >${I(en)} Play in Jellyfin<span class="visually-hidden"> (opens in a new tab)</span></a
  >`:x}function lr(e){e.target.hidden=!0}function ur(e,t){let n=nr(e),r=rr(e),i=ir(e),a=e.backdrop_url??e.image_url;return y`<button class="card wide" aria-label=${[n,e.type===`Episode`&&e.name!==n?e.name:null,r==null?null:`${Math.round(r)}% watched`,i].filter(Boolean).join(`, `)} data-item-id=${e.item_id} @click=${()=>t(e)}>
    <div class="poster thumb" aria-hidden="true">
      <div class="placeholder">${I(Yt)}<span>${n}</span></div>
      ${a?y`<img src=${a} alt="" loading="lazy" decoding="async" width="480" height="270" @error=${lr} />`:x}
      ${r==null?x:Bn(r,`${n}: watched`)}
    </div>
    <span class="title" aria-hidden="true">${n}</span>
    <span class="year left" aria-hidden="true">${i??(r==null?``:`${Math.round(r)}% watched`)}</span>
  </button>`}function dr(e,t){let n=nr(e);return y`<button class="card" aria-label=${[n,or(e.type),e.year?String(e.year):null,`in your library`].filter(Boolean).join(`, `)} data-item-id=${e.item_id} @click=${()=>t(e)}>
    <div class="poster" aria-hidden="true">
      <div class="placeholder">${I(Yt)}<span>${n}</span></div>
      ${e.image_url?y`<img
            src=${e.image_url}
            alt=""
            loading="lazy"
            decoding="async"
            width="342"
            height="513"
            @error=${lr}
          />`:x}
      ${Jn()}
    </div>
    <span class="title" aria-hidden="true">${n}</span>
    <span class="year" aria-hidden="true"
      >${e.year??``}${e.type===`Series`?y` · TV`:x}</span
    >
  </button>`}var fr=l`
  .poster.thumb {
    aspect-ratio: 16 / 9;
  }
  .thumb .progress {
    position: absolute;
    left: 8px;
    right: 8px;
    bottom: 8px;
    height: 4px;
    border-radius: 2px;
    background: rgba(255, 255, 255, 0.35);
    box-shadow: 0 0 2px rgba(0, 0, 0, 0.5);
  }
  .thumb .progress-fill {
    border-radius: 2px;
  }
  .card.wide .title {
    -webkit-line-clamp: 1;
  }
`;function pr(e){e.target.hidden=!0}D(`pandora-panel-featured`,class extends w{static get properties(){return{item:{attribute:!1},admin:{type:Boolean},requests:{type:Boolean},listBusy:{type:Boolean},clearing:{type:Boolean}}}constructor(){super(),this.admin=!1,this.requests=!1,this.listBusy=!1,this.clearing=!1}act(e){this.dispatchEvent(new CustomEvent(`featured-action`,{detail:{action:e},bubbles:!0,composed:!0}))}render(){let e=this.item;if(!e)return x;let t=e.backdrop_url??e.poster_url,n=!!e.in_library,r=[e.year?String(e.year):null,e.media_type===`tv`?`TV series`:`Movie`].filter(Boolean);return y`<section
      class="featured ${e.backdrop_url?``:`poster-art`}"
      aria-labelledby="featured-title"
      data-chosen=${e.chosen?`true`:`false`}
    >
      <div class="art" aria-hidden="true">
        ${t?y`<img src=${t} alt="" decoding="async" @error=${pr} />`:x}
      </div>
      <div class="content">
        <p class="origin" title=${e.chosen?`An administrator chose this title`:`The top trending title that is not in your library`}>
          ${e.chosen?`Featured`:`Trending now`}
        </p>
        <h2 id="featured-title">${e.title}</h2>
        <p class="meta">
          ${e.rating>0?y`<span class="rating" aria-label="Rated ${e.rating.toFixed(1)} out of 10"
                >${I(cn)}${e.rating.toFixed(1)}</span
              >`:x}
          <span>${r.join(` · `)}</span>
          ${n?y`<span class="chip in-library">${I(Tt)}In your library</span>`:x}
        </p>
        ${e.overview?y`<p class="overview">${e.overview}</p>`:x}
        <div class="actions">${this.renderActions(e,n)}</div>
        ${this.admin&&e.chosen?y`<button class="btn text back" ?disabled=${this.clearing} @click=${()=>this.act(`clear`)}>
              ${I(pn)} ${this.clearing?`Going back…`:`Back to default`}
            </button>`:x}
      </div>
    </section>`}renderActions(e,t){let n=J(e.library?.web_url);return y`
      ${t&&n?cr(n):x}
      ${t?y`<button class="btn ${n?``:`primary`} play-on" @click=${()=>this.act(`play-on`)}>
            ${I(wt)} Play on…
          </button>`:x}
      <button
        class="btn my-list"
        aria-pressed=${e.in_watchlist?`true`:`false`}
        ?disabled=${this.listBusy}
        @click=${()=>this.act(`watchlist`)}
      >
        ${I(e.in_watchlist?j:tn)} My List
      </button>
      <button class="btn more" @click=${()=>this.act(`more`)}>${I(Gt)} More info</button>
      ${!t&&this.requests?y`<button class="btn ${this.admin?``:`primary`} request" @click=${()=>this.act(`request`)}>
            ${I(P)} Request
          </button>`:x}
      ${!t&&this.admin?y`<button class="btn primary download" @click=${()=>this.act(`download`)}>
            ${I(Ft)} Download
          </button>`:x}
    `}static{this.styles=[...L,gn,l`
      :host {
        display: block;
        container-type: inline-size;
        margin: 4px 16px 8px;
      }
      .featured {
        position: relative;
        overflow: hidden;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
        background: var(--_surface);
      }
      .art {
        position: relative;
        aspect-ratio: 16 / 9;
        background: var(--_surface-alt);
      }
      .art img {
        display: block;
        width: 100%;
        height: 100%;
        object-fit: cover;
        object-position: center 25%;
      }
      .art::after {
        content: "";
        position: absolute;
        inset: 0;
        background: linear-gradient(to bottom, transparent 55%, var(--_surface));
      }
      .content {
        position: relative;
        display: flex;
        flex-direction: column;
        align-items: flex-start;
        gap: 8px;
        margin-top: -28px;
        padding: 0 16px 16px;
      }
      .origin {
        font-size: 0.75rem;
        font-weight: 500;
        letter-spacing: 0.06em;
        text-transform: uppercase;
        color: var(--_text-2);
      }
      h2 {
        font-size: 1.5rem;
        font-weight: 600;
        line-height: 1.2;
        overflow-wrap: anywhere;
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 10px;
        color: var(--_text-2);
        font-size: 0.9rem;
      }
      .overview {
        display: -webkit-box;
        -webkit-line-clamp: 3;
        -webkit-box-orient: vertical;
        overflow: hidden;
        line-height: 1.5;
        max-width: 60ch;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 4px;
      }
      .my-list[aria-pressed="true"] {
        border-color: var(--_primary);
      }
      .btn.text.back {
        min-height: 36px;
        padding: 0 8px;
        font-size: 0.85rem;
        color: var(--_text-2);
      }
      .back .icon {
        width: 18px;
        height: 18px;
      }
      @media (min-width: 600px) {
        :host {
          margin: 8px 24px 12px;
        }
      }
      @container (min-width: 720px) {
        .featured {
          display: flex;
          align-items: flex-end;
          min-height: clamp(340px, 40cqw, 480px);
        }
        .art {
          position: absolute;
          inset: 0;
          aspect-ratio: auto;
        }
        .poster-art .art {
          left: auto;
          width: 45%;
        }
        .art::after {
          background:
            linear-gradient(
              to right,
              var(--_surface) 0%,
              color-mix(in srgb, var(--_surface) 88%, transparent) 34%,
              transparent 68%
            ),
            linear-gradient(to top, var(--_surface) 0%, transparent 45%);
        }
        .poster-art .art::after {
          background: linear-gradient(to right, var(--_surface) 0%, transparent 60%);
        }
        .content {
          margin: 0;
          padding: 32px 32px 28px;
          max-width: min(680px, 62%);
        }
        h2 {
          font-size: 2.1rem;
        }
        .overview {
          -webkit-line-clamp: 4;
        }
      }
    `]}});var mr={pending:`Pending`,approved:`Approved`,denied:`Denied`,withdrawn:`Withdrawn`,searching:`Searching`,waiting_for_space:`Waiting for disk space`,downloading:`Downloading`,importing:`Importing`,available:`Available`,failed:`Failed`};function hr(e){switch(e){case`pending`:return`pending`;case`available`:return`available`;case`denied`:case`withdrawn`:return`denied`;case`failed`:return`failed`;default:return`progress`}}function gr(e){return mr[e]??e}function _r(e){return Ke.includes(e.status)}function vr(e){return e.media_type===`tv`?e.season==null?`Whole series`:e.season===0?`Specials`:`Season ${e.season}`:null}function yr(e){let t=vr(e);return t?`${e.title} · ${t}`:e.title}function br(e){return e.users_names?.length?e.users_names:e.requested_by_name?[e.requested_by_name]:[]}function xr(e,t){return!!t&&(e.requested_by===t||e.watchers.includes(t))}function Sr(e,t,n){if(t===null)return`Pandora`;if(n&&t===n)return`you`;if(e.names?.[t])return e.names[t];let r=[e.requested_by,...e.watchers.filter(t=>t!==e.requested_by)],i=e.users_names??[],a=r.indexOf(t);return a===0&&e.requested_by_name?e.requested_by_name:a>=0&&i.length===r.length?i[a]:`an administrator`}function Cr(e,t){return(e?.requests??[]).filter(e=>e.tmdb_id===t.tmdb_id&&e.media_type===t.media_type&&_r(e)).sort((e,t)=>(e.season??-1)-(t.season??-1))}function wr(e,t){let n=[...e?.requests??[]],r=[];for(let e of t){let t=n.findIndex(t=>t.id===e.id);t>=0?n[t]=e:r.push(e)}return{requests:[...r,...n]}}var Tr=[[`pending`,`Pending`],[`all`,`All`],[`mine`,`Mine`]];function Er(e){return Tr.some(([t])=>t===e)}function Dr(e,t,n){return t===`all`||(t===`pending`?e.status===`pending`:xr(e,n))}function Or(e){return e?e[0].toUpperCase()+e.slice(1).replace(/_/g,` `):``}D(`pandora-panel-play`,class extends w{static get properties(){return{api:{attribute:!1},target:{attribute:!1},name:{type:String},detail:{type:String},webUrl:{attribute:!1},standalone:{type:Boolean},_players:{state:!0},_playing:{state:!0},_result:{state:!0},_error:{state:!0}}}constructor(){super(),this.name=``,this.detail=``,this.webUrl=null,this.standalone=!1,this._players=[],this._playing=null,this._result=null,this._error=null}willUpdate(e){(e.has(`api`)||e.has(`target`))&&(this._players=er(this.api?.hass),this._result=null,this._error=null)}async play(e){if(this._playing)return;let t=this.target;this._playing=e,this._result=null,this._error=null;try{let n=await this.api.play({entity_id:e.entity_id,...t});if(this.target!==t)return;this._result={player:e.name,title:n.title||this.name}}catch(n){this.target===t&&(this._error={player:e.name,error:n})}finally{this.target===t&&(this._playing=null)}}get jellyfinUrl(){return J(this.webUrl)}render(){let e=this._players;return y`
      ${this.standalone?y`<div class="head">
            <h2>${this.name}</h2>
            ${this.detail?y`<p class="muted">${this.detail}</p>`:x}
            ${this.jellyfinUrl?y`<div class="open">${cr(this.jellyfinUrl)}</div>`:x}
          </div>`:x}
      <section class="play-on" aria-labelledby="play-on">
        <h3 id="play-on">Play on…</h3>
        ${e.length?this.renderPlayers(e):this.renderNone()}
        ${this._result?y`<p class="play-result" role="status">
              Playing ${this._result.title} on ${this._result.player}.
            </p>`:x}
        ${this._error?y`<p class="play-error" role="alert">
              Could not play it on ${this._error.player}: ${T(this._error.error)}
            </p>`:x}
      </section>
    `}renderPlayers(e){return y`<ul class="players">
      ${e.map(e=>y`<li>
          <button
            class="player"
            data-entity=${e.entity_id}
            aria-label="Play on ${e.name}"
            ?disabled=${!!this._playing}
            @click=${()=>void this.play(e)}
          >
            ${I(wt)}
            <span class="player-name">${e.name}</span>
            <span class="player-state"
              >${this._playing===e?`Starting…`:Or(e.state)}</span
            >
          </button>
        </li>`)}
    </ul>`}renderNone(){return y`<div class="no-players" role="status">
      <p><strong>No media player can play this.</strong></p>
      <p class="muted">
        None of your Home Assistant media players can play media right now (they do not support
        it, or they are unavailable).
      </p>
      ${this.jellyfinUrl&&!this.standalone?y`<p>Play it in Jellyfin instead:</p>
            <div>${cr(this.jellyfinUrl)}</div>`:this.jellyfinUrl?y`<p>Play it in Jellyfin instead.</p>`:x}
    </div>`}static{this.styles=[...L,l`
      :host {
        display: block;
      }
      .head {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 20px 64px 12px 20px;
      }
      .head h2 {
        font-size: 1.25rem;
        font-weight: 600;
        line-height: 1.25;
        overflow-wrap: anywhere;
      }
      .open {
        margin-top: 8px;
      }
      :host([standalone]) .play-on {
        padding: 4px 20px 24px;
      }
      h3 {
        font-size: 1rem;
        font-weight: 600;
        margin: 0 0 8px;
      }
      .muted {
        color: var(--_text-2);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .players {
        display: flex;
        flex-direction: column;
        border: 1px solid var(--_divider);
        border-radius: var(--_radius);
        overflow: hidden;
      }
      .players li + li {
        border-top: 1px solid var(--_divider);
      }
      .player {
        display: flex;
        align-items: center;
        gap: 12px;
        width: 100%;
        min-height: 52px;
        padding: 6px 16px;
        border: none;
        background: var(--_surface);
        color: var(--_text);
        text-align: left;
        cursor: pointer;
      }
      .player:hover {
        background: var(--_tint);
      }
      .player[disabled] {
        cursor: default;
      }
      .player:focus-visible {
        outline-offset: -2px;
      }
      .player .icon {
        color: var(--_text-2);
      }
      .player-name {
        flex: 1;
        min-width: 0;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .player-state {
        color: var(--_text-2);
        font-size: 0.85rem;
        white-space: nowrap;
      }
      .no-players {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 12px 14px;
        border-radius: var(--_radius);
        border: 1px solid var(--_divider);
        border-left: 4px solid var(--_warning);
        background: var(--_surface-alt);
        line-height: 1.45;
      }
      .play-result,
      .play-error {
        margin-top: 10px;
        padding: 8px 12px;
        border-radius: 6px;
        background: var(--_surface-alt);
        border-left: 3px solid var(--_success);
        font-size: 0.9rem;
        overflow-wrap: anywhere;
      }
      .play-error {
        border-left-color: var(--_error);
      }
    `]}});function kr(e){return y`<span class="chip status ${hr(e)}" data-status=${e}
    ><span class="dot" aria-hidden="true"></span>${gr(e)}</span
  >`}var Ar=l`
  /* A .chip (styles/shared.ts) with a tone. */
  .status {
    font-weight: 600;
  }
  .status .dot {
    color: var(--_text-2);
  }
  .status.pending {
    border-color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 16%, var(--_surface));
  }
  .status.pending .dot {
    color: var(--_warning);
  }
  .status.progress {
    border-color: var(--_primary);
    background: var(--_tint);
  }
  .status.progress .dot {
    color: var(--_primary);
  }
  .status.available {
    border-color: var(--_success);
    background: color-mix(in srgb, var(--_success) 14%, var(--_surface));
  }
  .status.available .dot {
    color: var(--_success);
  }
  .status.failed {
    border-color: var(--_error);
    background: color-mix(in srgb, var(--_error) 12%, var(--_surface));
  }
  .status.failed .dot {
    color: var(--_error);
  }
`;function jr(e,t){let n=e.item.media_type===`tv`;return e.picking||t.some(e=>e.season===null)?x:y`<button
    class="btn ${e.admin?``:`primary`} request"
    ?disabled=${e.requesting}
    @click=${()=>e.start()}
  >
    ${I(P)} ${e.requesting?`Requesting…`:n&&t.length?`Request more`:`Request`}
  </button>`}function Mr(e,t){return y`${t.length?y`<div class="request-status" tabindex="-1">
          <ul class="requested">
            ${t.map(e=>{let t=vr(e);return y`<li data-request=${e.id}>
                <span>${t?`${t} · `:``}Requested ·</span>
                ${kr(e.status)}
              </li>`})}
          </ul>
          <button
            class="btn text view-requests"
            @click=${()=>G(e.host,{view:{tab:`requests`,request:t.length===1?t[0].id:void 0}})}
          >
            View in Requests
          </button>
        </div>`:x}
    ${e.picking?Nr(e,t):x}
    ${e.error?y`<p class="request-error" role="alert">Could not request it: ${T(e.error)}</p>`:x}`}function Nr(e,t){let n=(e.details?.seasons??[]).filter(e=>e.number>0),r=new Map(t.map(e=>[e.season,e])),i=e.seasons.size,a=e.whole||i>0;return y`<fieldset class="picker" ?disabled=${e.requesting}>
    <legend>Which seasons?</legend>
    <label class="check whole">
      <input
        type="checkbox"
        .checked=${e.whole}
        @change=${t=>e.setWhole(t.target.checked)}
      />
      <span>Whole series <span class="muted">(all seasons, as one request)</span></span>
    </label>
    ${n.map(t=>{let n=r.get(t.number);return y`<label class="check">
        <input
          type="checkbox"
          data-season=${t.number}
          ?disabled=${e.whole||!!n}
          .checked=${e.whole||!!n||e.seasons.has(t.number)}
          @change=${n=>e.toggleSeason(t.number,n.target.checked)}
        />
        <span
          >${t.name??`Season ${t.number}`}${n?y` <span class="muted">(requested)</span>`:t.episode_count?y` <span class="muted">(${t.episode_count} episodes)</span>`:x}</span
        >
      </label>`})}
    ${e.details?x:y`<p class="muted">Loading the seasons…</p>`}
    <div class="picker-actions">
      <button class="btn" type="button" @click=${()=>e.cancel()}>Cancel</button>
      <button
        class="btn primary submit-request"
        type="button"
        ?disabled=${!a||e.requesting}
        @click=${()=>e.submit()}
      >
        ${e.requesting?`Requesting…`:e.whole?`Request whole series`:i>1?`Request ${i} seasons`:`Request`}
      </button>
    </div>
  </fieldset>`}var Pr=[[`sub`,`Stream`],[`free`,`Free`],[`tve`,`With a TV provider`],[`rent`,`Rent`],[`buy`,`Buy`]];function Fr(e){return e.split(/\s+/).filter(Boolean).slice(0,2).map(e=>e[0].toUpperCase()).join(``)}function Ir(e){e.target.hidden=!0}function Lr(e){return!!(e.flatrate.length||e.free.length||e.rent.length||e.buy.length)}function Rr(){return y`<div class="loading" aria-busy="true" aria-label="Loading details">
    <div class="skeleton" style="height: 20px; width: 40%"></div>
    <div class="skeleton" style="height: 36px; width: 80%"></div>
    <div class="people">
      ${[0,1,2,3,4].map(()=>y`<div class="person"><div class="photo skeleton"></div></div>`)}
    </div>
  </div>`}function zr(e){let t=e.availability,n;return n=t?.length?Br(t):e.watch_providers&&Lr(e.watch_providers)?Vr(e.watch_providers):y`<p class="muted">No streaming services are known for your region.</p>`,y`<section class="streaming" aria-labelledby="streams">
    <h3 id="streams">Where it streams</h3>
    ${n}
    ${e.availability_error?y`<p class="muted note">
          Watchmode could not be asked: ${e.availability_error}
        </p>`:x}
  </section>`}function Br(e){return y`${Pr.map(([t,n])=>{let r=new Map;for(let n of e.filter(e=>e.type===t))r.set(n.name,[...r.get(n.name)??[],n]);return{label:n,services:[...r.entries()]}}).filter(e=>e.services.length).map(e=>y`<div class="group">
      <h4>${e.label}</h4>
      <ul class="chips">
        ${e.services.map(([e,t])=>{let n=t.find(e=>J(e.web_url))?.web_url,r=[...new Set(t.map(e=>e.format).filter(Boolean))].join(`, `),i=y`${e}${r?y`<span class="format">${r}</span>`:x}`;return y`<li>
            ${n?y`<a class="chip provider" href=${Kn(J(n))} target="_blank" rel="noreferrer"
                  >${i}${I(Qt)}<span class="visually-hidden">
                    (opens in a new tab)</span
                  ></a
                >`:y`<span class="chip provider">${i}</span>`}
          </li>`})}
      </ul>
    </div>`)}`}function Vr(e){return y`${[[`Stream`,e.flatrate],[`Free`,e.free],[`Rent`,e.rent],[`Buy`,e.buy]].filter(([,e])=>e.length).map(([e,t])=>y`<div class="group">
        <h4>${e}</h4>
        <ul class="chips">
          ${t.map(e=>y`<li class="chip provider">${e}</li>`)}
        </ul>
      </div>`)}
  ${J(e.link)?y`<p class="muted note">
        In ${e.region}, from JustWatch via TMDB.
        <a href=${Kn(J(e.link))} target="_blank" rel="noreferrer">All offers</a>
      </p>`:x}`}function Hr(e){return e.cast.length?y`<section aria-labelledby="cast">
    <h3 id="cast">Cast</h3>
    <ul class="people">
      ${e.cast.map(e=>y`<li class="person">
          <div class="photo" aria-hidden="true">
            <span>${Fr(e.name)}</span>
            ${e.profile_url?y`<img src=${e.profile_url} alt="" loading="lazy" @error=${Ir} />`:x}
          </div>
          <span class="name">${e.name}</span>
          ${e.character?y`<span class="role">${e.character}</span>`:x}
        </li>`)}
    </ul>
  </section>`:x}function Ur(e){let t=e.seasons.filter(e=>e.number>0);return e.media_type!==`tv`||!t.length?x:y`<section aria-labelledby="seasons">
    <h3 id="seasons">Seasons</h3>
    <ul class="seasons">
      ${t.map(e=>y`<li>
          <span>${e.name??`Season ${e.number}`}</span>
          <span class="muted"
            >${[e.year,e.episode_count?`${e.episode_count} episodes`:null].filter(Boolean).join(` · `)}</span
          >
        </li>`)}
    </ul>
  </section>`}function Wr(e){let t=e.webUrl,n=e.featured;return y`${e.inLibrary&&t?cr(t):x}
  ${e.inLibrary?y`<button
        class="btn ${t?``:`primary`} play-on"
        aria-expanded=${e.playOpen?`true`:`false`}
        @click=${e.togglePlay}
      >
        ${I(wt)} Play on…
      </button>`:x}
  ${e.hasWatchlist?y`<button
        class="btn my-list"
        aria-pressed=${e.inList?`true`:`false`}
        ?disabled=${e.listBusy}
        @click=${e.toggleList}
      >
        ${I(e.inList?j:tn)} My List
      </button>`:x}
  ${e.admin&&e.hasWatchlist?y`<button
        class="btn text feature"
        ?disabled=${e.featuring||n}
        @click=${e.feature}
      >
        ${I(n?j:ln)}
        ${n?`Featured on Discover`:e.featuring?`Featuring…`:`Feature on Discover`}
      </button>`:x}
`}var Gr=[...L,gn,R,Ar,l`
    :host {
      display: block;
      padding-bottom: 24px;
    }
    .request-status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 4px 12px;
      padding: 8px 4px 8px 14px;
      border-radius: var(--_radius);
      border: 1px solid var(--_divider);
      background: var(--_surface-alt);
    }
    .request-status:focus {
      outline: none;
    }
    .request-status:focus-visible {
      outline: 2px solid var(--_focus);
    }
    .requested {
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 4px 0;
    }
    .requested li {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 6px;
      font-size: 0.9rem;
      font-weight: 500;
    }
    .picker {
      display: flex;
      flex-direction: column;
      margin: 0;
      padding: 8px 14px 12px;
      border-radius: var(--_radius);
      border: 1px solid var(--_divider);
    }
    .picker legend {
      padding: 0 6px;
      font-weight: 600;
    }
    .picker-actions {
      display: flex;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 8px;
    }
    .request-error {
      padding: 8px 12px;
      border-radius: 6px;
      border-left: 3px solid var(--_error);
      background: var(--_surface-alt);
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    .hero {
      position: relative;
      aspect-ratio: 16 / 9;
      max-height: 42vh;
      width: 100%;
      background: var(--_surface-alt);
      overflow: hidden;
    }
    .hero.no-backdrop {
      aspect-ratio: auto;
      height: 72px;
    }
    .hero::after {
      content: "";
      position: absolute;
      inset: 0;
      background: linear-gradient(to bottom, transparent 45%, var(--_surface));
    }
    .backdrop {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .head {
      position: relative;
      display: flex;
      align-items: flex-start;
      gap: 16px;
      padding: 0 20px;
    }
    .head .poster {
      margin-top: -56px;
    }
    .poster {
      width: 96px;
      aspect-ratio: 2 / 3;
      object-fit: cover;
      border-radius: 8px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, 0.35);
      flex: none;
      background: var(--_surface-alt);
    }
    .titles {
      min-width: 0;
      padding-top: 12px;
    }
    h2 {
      font-size: 1.4rem;
      line-height: 1.2;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .meta {
      margin-top: 6px;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      color: var(--_text-2);
      font-size: 0.9rem;
    }
    .my-list[aria-pressed="true"] {
      border-color: var(--_primary);
    }
    .tagline {
      margin-top: 6px;
      font-style: italic;
      color: var(--_text-2);
    }
    .content {
      padding: 16px 20px 0;
      display: flex;
      flex-direction: column;
      gap: 18px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .overview {
      line-height: 1.55;
    }
    h3 {
      font-size: 1.05rem;
      font-weight: 600;
      margin-bottom: 10px;
    }
    h4 {
      margin: 10px 0 6px;
      font-size: 0.85rem;
      font-weight: 500;
      color: var(--_text-2);
    }
    .muted {
      color: var(--_text-2);
    }
    .note {
      margin-top: 8px;
      font-size: 0.85rem;
    }
    .provider {
      min-height: 44px;
      padding: 2px 14px;
      font-size: 0.875rem;
      text-decoration: none;
      color: var(--_text);
    }
    a.provider:hover {
      border-color: var(--_primary);
    }
    .provider .icon {
      width: 14px;
      height: 14px;
      color: var(--_text-2);
    }
    .format {
      color: var(--_text-2);
      font-size: 0.75rem;
    }
    .people {
      display: flex;
      gap: 14px;
      overflow-x: auto;
      padding-bottom: 6px;
      scroll-snap-type: x proximity;
    }
    .person {
      flex: none;
      width: 84px;
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      gap: 4px;
      scroll-snap-align: start;
    }
    .photo {
      position: relative;
      width: 72px;
      height: 72px;
      border-radius: 50%;
      overflow: hidden;
      background: var(--_surface-alt);
      display: grid;
      place-items: center;
      color: var(--_text-2);
      font-weight: 600;
    }
    .photo img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .name {
      font-size: 0.8rem;
      font-weight: 500;
      line-height: 1.2;
    }
    .role {
      font-size: 0.75rem;
      color: var(--_text-2);
      line-height: 1.2;
    }
    .seasons li {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      padding: 8px 0;
      border-bottom: 1px solid var(--_divider);
      font-size: 0.9rem;
    }
    .loading {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    @media (min-width: 600px) {
      .poster {
        width: 132px;
      }
      .head {
        padding: 0 28px;
      }
      .head .poster {
        margin-top: -96px;
      }
      .content {
        padding: 20px 28px 0;
      }
      h2 {
        font-size: 1.75rem;
      }
    }
  `];D(`pandora-panel-details`,class extends w{static get properties(){return{api:{attribute:!1},item:{attribute:!1},admin:{type:Boolean},requests:{type:Boolean},watching:{type:Boolean},watchlisted:{attribute:!1},featured:{type:Boolean},startWith:{attribute:!1},entry:{attribute:!1},_details:{state:!0},_error:{state:!0},_picking:{state:!0},_whole:{state:!0},_seasons:{state:!0},_requesting:{state:!0},_requestError:{state:!0},_inList:{state:!0},_listBusy:{state:!0},_featuring:{state:!0},_featuredNow:{state:!0},_playTarget:{state:!0}}}constructor(){super(),this.started=null,this.requestsFeed=new In(this,{api:()=>this.api,enabled:()=>this.requests,open:(e,t,n)=>e.subscribe(`pandora/requests/subscribe`,t,n)}),this.admin=!1,this.requests=!1,this.watching=!1,this.watchlisted=void 0,this.featured=!1,this.startWith=null,this.entry=null,this._details=null,this._error=null,this.resetRequest(),this.resetWatching()}resetWatching(){this._inList=null,this._listBusy=!1,this._featuring=!1,this._featuredNow=!1,this._playTarget=null}resetRequest(){this._picking=!1,this._whole=!1,this._seasons=new Set,this._requesting=!1,this._requestError=null}willUpdate(e){e.has(`item`)&&e.get(`item`)&&(this.resetRequest(),this.resetWatching()),e.has(`watchlisted`)&&(this._inList=null),(e.has(`item`)||e.has(`api`))&&this.item&&this.api&&this.load()}updated(){this.startWith===`request`&&this.item&&this.started!==this.item&&(this.started=this.item,this.requests&&this.startRequest())}get inLibrary(){return!!(this.entry||(this._details?.in_library??this.item.in_library))}get webUrl(){return J(this.entry?.web_url??this.library?.web_url)??null}get library(){return this._details?.library??this.item.library??null}get hasWatchlist(){return this.watching||this.watchlisted!==void 0||this._details?.in_watchlist!==void 0}get inList(){return this._inList??this.watchlisted??this._details?.in_watchlist??this.item.in_watchlist??!1}async toggleList(){let e=this.item;if(this._listBusy)return;let t=!this.inList;this._listBusy=!0;try{let n=t?await this.api.addToWatchlist(e.tmdb_id,e.media_type):await this.api.removeFromWatchlist(e.tmdb_id,e.media_type);if(this.item!==e)return;this._inList=t,this.dispatchEvent(new CustomEvent(`watchlist-changed`,{detail:n,bubbles:!0,composed:!0}))}catch(n){K(this,{kind:`error`,message:`Could not ${t?`add`:`remove`} ${e.title} ${t?`to`:`from`} My List: ${T(n)}`})}finally{this.item===e&&(this._listBusy=!1)}}async feature(){let e=this.item;if(!this._featuring){this._featuring=!0;try{let t=await this.api.setFeatured(e.tmdb_id,e.media_type);if(this.item!==e)return;this._featuredNow=!0,this.dispatchEvent(new CustomEvent(`featured-changed`,{detail:t,bubbles:!0,composed:!0})),K(this,{kind:`success`,message:`${e.title} is featured on Discover`})}catch(t){K(this,{kind:`error`,message:`Could not feature ${e.title}: ${T(t)}`})}finally{this.item===e&&(this._featuring=!1)}}}async togglePlay(){let{tmdb_id:e,media_type:t}=this.item,n=this.entry?ar(this.entry):{tmdb_id:e,media_type:t};this._playTarget=this._playTarget?null:n,this._playTarget&&(await this.updateComplete,this.renderRoot.querySelector(`pandora-panel-play`)?.scrollIntoView?.({block:`nearest`}))}get watchingView(){return{inLibrary:this.inLibrary,webUrl:this.webUrl,playOpen:this._playTarget!==null,hasWatchlist:this.hasWatchlist,inList:this.inList,listBusy:this._listBusy,admin:this.admin,featuring:this._featuring,featured:this.featured||this._featuredNow,togglePlay:()=>void this.togglePlay(),toggleList:()=>void this.toggleList(),feature:()=>void this.feature()}}async load(){let{tmdb_id:e,media_type:t}=this.item;this._details=null,this._error=null;try{let n=await this.api.media(e,t),r=this.item;r.tmdb_id===e&&r.media_type===t&&(this._details={...n,poster_url:jn(n.poster_url,r.poster_url),backdrop_url:jn(n.backdrop_url,r.backdrop_url)})}catch(t){this.item.tmdb_id===e&&(this._error=t)}}requestDownload(){let e=this._details??this.item,t={tmdb_id:e.tmdb_id,media_type:e.media_type,title:e.title,year:e.year,seasons:this._details?.seasons??[],original_title:e.original_title??null};this.dispatchEvent(new CustomEvent(`download-requested`,{detail:t,bubbles:!0,composed:!0}))}get openRequests(){return this.requests?Cr(this.requestsFeed.value,this.item):[]}async startRequest(){this._requestError=null,this.item.media_type===`tv`?(this._picking=!0,await this.updateComplete,this.renderRoot.querySelector(`.picker input`)?.focus()):await this.submitRequest()}toggleSeason(e,t){let n=new Set(this._seasons);t?n.add(e):n.delete(e),this._seasons=n}async submitRequest(){let e=this.item,t=e.media_type===`tv`,n=t&&!this._whole?[...this._seasons].sort((e,t)=>e-t):void 0;if(!(this._requesting||t&&!this._whole&&!n?.length)){this._requesting=!0,this._requestError=null;try{let t=await this.api.requestMedia({tmdb_id:e.tmdb_id,media_type:e.media_type,...n?{seasons:n}:{}});if(this.item!==e)return;this.requestsFeed.value=wr(this.requestsFeed.value,t.requests??[]),this.resetRequest();let r=(t.created??[]).some(Boolean);K(this,{kind:`success`,message:r?`Requested ${e.title}`:`Already requested — you were added`,action:{label:`View requests`,tab:`requests`}}),await this.updateComplete,this.renderRoot.querySelector(`.request-status`)?.focus()}catch(t){this.item===e&&(this._requestError=t)}finally{this.item===e&&(this._requesting=!1)}}}get requestArea(){return{host:this,item:this.item,details:this._details,admin:this.admin,picking:this._picking,whole:this._whole,seasons:this._seasons,requesting:this._requesting,error:this._requestError,start:()=>void this.startRequest(),setWhole:e=>this._whole=e,toggleSeason:(e,t)=>this.toggleSeason(e,t),cancel:()=>this.resetRequest(),submit:()=>void this.submitRequest()}}render(){let e=this._details??this.item;if(!e)return x;let t=this._details,n=this.openRequests,r=[e.year?String(e.year):null,e.media_type===`tv`?`TV series`:`Movie`,kn(t?.runtime),t?.number_of_seasons?`${t.number_of_seasons} season${t.number_of_seasons===1?``:`s`}`:null].filter(Boolean);return y`
      <div class="hero ${e.backdrop_url?``:`no-backdrop`}">
        ${e.backdrop_url?y`<img class="backdrop" src=${e.backdrop_url} alt="" @error=${Ir} />`:x}
      </div>
      <div class="head">
        ${e.poster_url?y`<img class="poster" src=${e.poster_url} alt="" @error=${Ir} />`:x}
        <div class="titles">
          <h2 id="title">${e.title}</h2>
          <p class="meta">
            ${e.rating>0?y`<span class="rating" aria-label="Rated ${e.rating.toFixed(1)} out of 10"
                  >${I(cn)}${e.rating.toFixed(1)}</span
                >`:x}
            ${r.join(` · `)}
            ${this.inLibrary?y`<span class="chip in-library">${I(Tt)}In your library</span>`:x}
          </p>
          ${t?.tagline?y`<p class="tagline">${t.tagline}</p>`:x}
        </div>
      </div>
      <div class="content">
        ${t?.genres.length?y`<ul class="chips genres" aria-label="Genres">
              ${t.genres.map(e=>y`<li class="chip">${e}</li>`)}
            </ul>`:x}
        ${this.admin||this.requests||this.inLibrary||this.hasWatchlist?y`<div class="actions">
              ${Wr(this.watchingView)}
              ${this.requests&&!(this.inLibrary&&e.media_type===`movie`)?jr(this.requestArea,n):x}
              ${this.admin?y`<button
                    class="btn ${this.inLibrary?``:`primary`} download"
                    @click=${this.requestDownload}
                  >
                    ${I(Ft)} Download
                  </button>`:x}
            </div>`:x}
        ${this._playTarget&&this.inLibrary?y`<pandora-panel-play
              .api=${this.api}
              .target=${this._playTarget}
              .name=${this.entry?nr(this.entry):e.title}
              .webUrl=${this.webUrl}
            ></pandora-panel-play>`:x}
        ${this.requests?Mr(this.requestArea,n):x}
        ${e.overview?y`<p class="overview">${e.overview}</p>`:x}
        ${this._error?H(`Could not load the details`,this._error,()=>{this.api.clearCache(),this.load()}):t?y`${zr(t)} ${Hr(t)}
              ${Ur(t)}`:Rr()}
      </div>
    `}static{this.styles=Gr}});var Kr={bluray:`Blu-ray`,web_dl:`WEB-DL`,webrip:`WEBRip`,hdtv:`HDTV`,dvd:`DVD`,cam:`CAM`,telesync:`Telesync`,telecine:`Telecine`,screener:`Screener`,workprint:`Workprint`},qr={h264:`H.264`,h265:`H.265`,av1:`AV1`,xvid:`XviD`,vc1:`VC-1`};function Jr(e){let t=[];return e.resolution&&e.resolution!==`unknown`&&t.push(e.resolution===`sd`?`SD`:e.resolution),Kr[e.source]&&t.push(Kr[e.source]),qr[e.codec]&&t.push(qr[e.codec]),t.push(...e.hdr),t}function Yr(e){return e.state===`timeout`?`did not answer in time`:e.error?`failed (${e.error})`:`failed`}function Xr(e){let t=[];for(let n of e.instances)if(n.state===`error`)t.push({instance:n.instance,failed:!0,text:`${n.instance} could not be searched: ${n.error??`it did not answer`}`});else if(n.state===`partial`){let e=n.indexers??[],r=e.filter(e=>e.state!==`ok`),i=r.length?r.map(e=>`${e.indexer} ${Yr(e)}`).join(`; `):`some indexers did not answer`,a=e.length>0&&r.length===e.length;t.push({instance:n.instance,failed:a,text:`${n.instance}: ${i}${a?``:`; results may be incomplete`}`})}return t}function Zr(e){if(e.results.length)return`results`;if(e.total>0)return`all_rejected`;let t=Xr(e).filter(e=>e.failed).length;return t>0&&t===e.instances.length?`failed`:`none_found`}function Qr(e){return e.replace(/[^\p{L}\p{N}\s'-]/gu,` `).split(/\s+/).filter(Boolean).join(` `)}function $r(e,t,n){let r=Qr(e.title),i=e.original_title?Qr(e.original_title):``,a=t===null?``:` S${String(t).padStart(2,`0`)}`,o=e.year?` ${e.year}`:``,s=e.media_type===`movie`?[r,i&&`${i}${o}`]:[t===null?`${r}${o}`:`${r} Season ${t}`,i&&`${i}${a}`],c=new Set([n.trim().toLowerCase()]);return s.filter(e=>{let t=e?.toLowerCase();return!t||c.has(t)?!1:(c.add(t),!0)})}function ei(e,t,n){let r=n.add,i=n.language,a=`release-${t}`;return y`<li class="release ${e.accepted?``:`rejected`}" aria-labelledby=${a}>
    <div class="release-head">
      <span class="rank" aria-hidden="true">${t+1}</span>
      <div class="release-title">
        <h3 id=${a}>${e.title}</h3>
        <p class="muted">
          ${e.indexer??`Unknown indexer`}${e.published?y` · ${B(e.published,i)}`:x}
        </p>
      </div>
    </div>
    <ul class="chips" aria-label="Quality">
      ${e.accepted?x:y`<li class="chip rejected-chip">Rejected</li>`}
      ${Jr(e).map(e=>y`<li class="chip">${e}</li>`)}
      ${e.freeleech?y`<li class="chip">Freeleech</li>`:x}
    </ul>
    <dl class="stats">
      <div><dt>Size</dt><dd>${z(e.size,i)}</dd></div>
      <div>
        <dt>Seeders</dt>
        <dd>${I(St)}${e.seeders??`?`}</dd>
      </div>
      <div>
        <dt>Leechers</dt>
        <dd>${I(xt)}${e.leechers??`?`}</dd>
      </div>
      <div><dt>Score</dt><dd>${e.score}</dd></div>
    </dl>
    ${e.reasons.length?y`<ul class="reasons" aria-label=${e.accepted?`Why`:`Why rejected`}>
          ${e.reasons.map(e=>y`<li>${e}</li>`)}
        </ul>`:x}
    <div class="release-actions">
      ${r?.state===`error`?y`<p class="add-error" role="alert">${T(r.error)}</p>`:x}
      ${r?.state===`added`?y`<span class="added" role="status">${I(j)} Added to ${r.instance}</span>
            <button class="btn text" @click=${()=>G(n.host,{tab:`downloads`})}>
              View downloads
            </button>`:y`<button
            class="btn primary add"
            ?disabled=${r?.state===`adding`||!n.canAdd}
            aria-describedby=${a}
            @click=${()=>n.onAdd(e)}
          >
            ${I(Ft)} ${r?.state===`adding`?`Adding…`:`Add`}
          </button>`}
    </div>
  </li>`}var ti=[...L,l`
    :host {
      display: block;
      padding: 20px 16px 24px;
    }
    header {
      padding-right: 48px;
    }
    h2 {
      font-size: 1.3rem;
      font-weight: 600;
    }
    .subtitle {
      color: var(--_text-2);
      margin-top: 2px;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 20px;
      margin: 16px 0 12px;
    }
    .field {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-size: 0.9rem;
    }
    select {
      min-height: 44px;
      padding: 0 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .status {
      color: var(--_text-2);
      font-size: 0.9rem;
      margin: 4px 0 12px;
    }
    .query {
      overflow-wrap: anywhere;
    }
    .results > .banner {
      margin-bottom: 10px;
    }
    .banner {
      margin: 0 0 12px;
    }
    ol,
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .releases {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .release {
      border: 1px solid var(--_divider);
      border-radius: var(--_radius);
      padding: 12px 14px;
      display: flex;
      flex-direction: column;
      gap: 10px;
      background: var(--_surface);
    }
    .release.rejected {
      border-style: dashed;
      background: var(--_background);
    }
    .release-head {
      display: flex;
      gap: 10px;
      align-items: flex-start;
    }
    .rank {
      flex: none;
      display: grid;
      place-items: center;
      width: 28px;
      height: 28px;
      border-radius: 50%;
      background: var(--_tint-strong);
      font-weight: 600;
      font-size: 0.85rem;
    }
    .release-title {
      min-width: 0;
    }
    h3 {
      font-size: 0.95rem;
      font-weight: 500;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--_text-2);
      font-size: 0.8rem;
      margin-top: 2px;
    }
    .rejected-chip {
      border-color: var(--_error);
      background: color-mix(in srgb, var(--_error) 14%, var(--_surface));
      font-weight: 600;
    }
    .stats {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 18px;
      margin: 0;
      font-size: 0.85rem;
    }
    .stats div {
      display: flex;
      gap: 6px;
      align-items: center;
    }
    dt {
      color: var(--_text-2);
    }
    dd {
      margin: 0;
      display: inline-flex;
      align-items: center;
      font-weight: 500;
    }
    dd .icon {
      width: 16px;
      height: 16px;
    }
    .reasons {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 14px;
      font-size: 0.8rem;
      color: var(--_text-2);
    }
    .reasons li::before {
      content: "•";
      margin-right: 6px;
    }
    .rejected .reasons {
      color: var(--_text);
    }
    .release-actions {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 8px 12px;
    }
    .add-error {
      flex: 1 1 200px;
      font-size: 0.85rem;
      color: var(--_text);
      border-left: 3px solid var(--_error);
      padding-left: 8px;
    }
    .added {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      min-height: 44px;
      font-weight: 500;
    }
    .added .icon {
      color: var(--_success);
    }
    .none-found .state {
      padding: 24px 8px 16px;
    }
    .problems {
      display: flex;
      flex-direction: column;
      gap: 8px;
      width: 100%;
    }
    .retry,
    .ask {
      display: flex;
      flex-direction: column;
      gap: 8px;
      max-width: 520px;
      margin: 0 auto 16px;
      font-size: 0.9rem;
    }
    .retry label {
      color: var(--_text-2);
      font-weight: 500;
    }
    .retry-row {
      display: flex;
      gap: 8px;
    }
    .retry-row input {
      flex: 1;
      min-width: 0;
      min-height: 44px;
      padding: 0 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .retry-row input:focus {
      border-color: var(--_primary);
    }
    .suggestions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .suggestion {
      font-weight: 400;
    }
    .ask {
      border-top: 1px solid var(--_divider);
      padding-top: 16px;
      color: var(--_text-2);
    }
    .ask .btn {
      align-self: flex-start;
    }
    .release-skeleton {
      height: 132px;
      border-radius: var(--_radius);
      margin-bottom: 12px;
    }
    @media (min-width: 600px) {
      :host {
        padding: 24px 28px 28px;
      }
    }
  `];D(`pandora-switch`,class extends w{static get properties(){return{label:{type:String},name:{type:String},checked:{type:Boolean},disabled:{type:Boolean}}}constructor(){super(),this.label=``,this.name=``,this.checked=!1,this.disabled=!1}onChange(e){this.checked=e.target.checked,this.dispatchEvent(new Event(`change`))}render(){return y`<label class="switch">
      <input
        type="checkbox"
        role="switch"
        name=${this.name}
        .checked=${this.checked}
        ?disabled=${this.disabled}
        @change=${this.onChange}
      />
      <span>${this.label}</span>
    </label>`}static{this.styles=[...L,l`
      :host {
        display: inline-flex;
      }
      .switch {
        display: inline-flex;
        align-items: center;
        gap: 10px;
        min-height: 44px;
        cursor: pointer;
        font-size: 0.95rem;
      }
      input {
        appearance: none;
        position: relative;
        flex: none;
        width: 40px;
        height: 24px;
        margin: 0;
        border-radius: 12px;
        background: var(--_surface-alt);
        border: 1px solid var(--_text-2);
        cursor: pointer;
        transition: background-color 120ms ease;
      }
      input::after {
        content: "";
        position: absolute;
        top: 3px;
        left: 3px;
        width: 16px;
        height: 16px;
        border-radius: 50%;
        background: var(--_text-2);
        transition: transform 120ms ease;
      }
      input:checked {
        background: var(--_primary);
        border-color: var(--_primary);
      }
      input:checked::after {
        transform: translateX(16px);
        background: #fff;
      }
    `]}}),D(`pandora-panel-releases`,class extends w{static get properties(){return{api:{attribute:!1},target:{attribute:!1},info:{attribute:!1},_includeRejected:{state:!0},_season:{state:!0},_instance:{state:!0},_result:{state:!0},_error:{state:!0},_loading:{state:!0},_adds:{state:!0},_query:{state:!0},_ask:{state:!0}}}constructor(){super(),this.searchId=0,this.info=null,this._includeRejected=!1,this._season=null,this._instance=null,this._result=null,this._error=null,this._loading=!1,this._adds={},this._query=null,this._ask=null}get jackett(){return this.info?.services.jackett??[]}get qbittorrents(){return this.info?.services.qbittorrent??[]}willUpdate(e){e.has(`info`)&&this._instance===null&&this.qbittorrents.length>1&&(this._instance=this.qbittorrents[0].id),(e.has(`target`)||e.has(`api`))&&this.target&&this.api&&(this._season=null,this._query=null,this._ask=null,this.search())}request(){let{tmdb_id:e,media_type:t,year:n}=this.target,r=this._query===null?{tmdb_id:e,media_type:t}:{query:this._query,category:t===`movie`?`movies`:`tv`,...t===`movie`&&n?{year:n}:{}};return this._season!==null&&(r.season=this._season),this._includeRejected&&(r.include_rejected=!0),r}async search(){if(this.info&&!this.jackett.length)return;let e=++this.searchId;this._loading=!0,this._error=null;try{let t=await this.api.searchTorrents(this.request());if(e!==this.searchId)return;this._result=t}catch(t){if(e!==this.searchId)return;this._error=t}finally{e===this.searchId&&(this._loading=!1)}}async add(e){let t=e.result_id;this._adds={...this._adds,[t]:{state:`adding`}};let n={result_id:e.result_id,tmdb_id:this.target.tmdb_id,media_type:this.target.media_type};this._instance&&(n.instance=this._instance);try{let r=await this.api.addTorrent(n);this._adds={...this._adds,[t]:{state:`added`,instance:r.instance}},K(this,{kind:`success`,message:`Added to ${r.instance}: ${r.release??e.title}`,action:{label:`View downloads`,tab:`downloads`}})}catch(e){this._adds={...this._adds,[t]:{state:`error`,error:e}}}}toggleRejected(e){this._includeRejected=e.target.checked,this.search()}changeSeason(e){let t=e.target.value;this._season=t===``?null:Number(t),this._query=null,this._ask=null,this.search()}searchFor(e){let t=e.trim().slice(0,200);this._query=t||null,this.search()}onQuerySubmit(e){e.preventDefault();let t=e.currentTarget.querySelector(`input`);this.searchFor(t.value)}async askFor(){let e=this.target,t=e.media_type===`tv`?this._season:null;this._ask={state:`asking`};try{let n=await this.api.requestMedia({tmdb_id:e.tmdb_id,media_type:e.media_type,...t===null?{}:{seasons:[t]}});if(this.target!==e)return;this._ask={state:`asked`,created:(n.created??[]).some(Boolean)}}catch(t){this.target===e&&(this._ask={state:`error`,error:t})}}render(){if(!this.target)return x;let{title:e,year:t}=this.target;return y`
      <header>
        <h2>Download</h2>
        <p class="subtitle">${e}${t?` (${t})`:``}</p>
      </header>
      ${this.info&&!this.jackett.length?W({iconPath:N,title:`Add Jackett to search for releases`,why:`Pandora searches your indexers through Jackett and ranks what they find.`,service:`Jackett`,admin:!0}):y`${this.renderControls()} ${this.renderBody()}`}
    `}renderControls(){let e=this.target.media_type===`tv`?this.target.seasons:[],t=this.qbittorrents;return y`<div class="controls">
      ${e.length?y`<label class="field">
            <span>Season</span>
            <select @change=${this.changeSeason} .value=${String(this._season??``)}>
              <option value="">All seasons</option>
              ${e.map(e=>y`<option value=${e.number}>${e.name??`Season ${e.number}`}</option>`)}
            </select>
          </label>`:x}
      ${t.length>1?y`<label class="field">
            <span>Send to</span>
            <select
              @change=${e=>this._instance=e.target.value}
              .value=${this._instance??``}
            >
              ${t.map(e=>y`<option value=${e.id}>${e.title}</option>`)}
            </select>
          </label>`:x}
      <pandora-switch
        label="Show rejected"
        .checked=${this._includeRejected}
        @change=${this.toggleRejected}
      ></pandora-switch>
    </div>
    ${this.info&&!t.length?y`<p class="banner" role="note">
          ${I(A)}
          <span
            >No qBittorrent is set up, so releases cannot be added yet. Add one in Settings →
            Devices &amp; services → Pandora → Add qBittorrent.</span
          >
        </p>`:x}`}renderBody(){if(this._error)return H(`The search failed`,this._error,()=>void this.search());let e=this._result;if(this._loading||!e)return y`<div class="results" aria-busy="true" aria-label="Searching">
        <p class="status" role="status">Searching your indexers…</p>
        ${[0,1,2].map(()=>y`<div class="skeleton release-skeleton"></div>`)}
      </div>`;let t=Zr(e),n=Xr(e);return t===`failed`?y`<div class="state error" role="alert">
        ${I(A)}
        <h3>No indexer could be searched</h3>
        <ul class="problems">
          ${n.map(e=>y`<li class="message">${e.text}</li>`)}
        </ul>
        <button class="btn" @click=${()=>void this.search()}>${I(F)} Try again</button>
      </div>`:y`<div class="results">
      ${t===`none_found`?x:y`<p class="status" role="status">
            ${e.accepted} of ${e.total} release${e.total===1?``:`s`} accepted
            <span class="query">· searched “${e.query}”</span>
          </p>`}
      ${n.map(e=>y`<p class="banner ${e.failed?`error`:``}">
          ${I(A)}
          <span>${e.text}</span>
        </p>`)}
      ${t===`results`?y`<ol class="releases">
            ${k(e.results,e=>e.result_id,(e,t)=>ei(e,t,this.rowContext(e)))}
          </ol>`:t===`all_rejected`?U(N,`No acceptable release`,`Nothing passed your quality profile. Turn on “Show rejected” to see why.`):this.renderNoneFound(e)}
    </div>`}renderNoneFound(e){let t=$r(this.target,this._season,e.query);return y`<div class="none-found">
      <div class="state" role="status">
        ${I(N)}
        <h3>No release found for “${e.query}”</h3>
        <p>
          Your indexers have nothing under these words. They may list it differently: try the
          original title, fewer words, or with or without the year.
        </p>
      </div>
      <form class="retry" role="search" @submit=${this.onQuerySubmit}>
        <label for="retry-query">Search for</label>
        <div class="retry-row">
          <input
            id="retry-query"
            type="search"
            enterkeyhint="search"
            autocomplete="off"
            maxlength="200"
            .value=${e.query}
          />
          <button class="btn primary" type="submit">${I(N)} Search</button>
        </div>
        ${t.length?y`<ul class="suggestions" aria-label="Try instead">
              ${t.map(e=>y`<li>
                  <button class="btn suggestion" type="button" @click=${()=>this.searchFor(e)}>
                    ${e}
                  </button>
                </li>`)}
            </ul>`:x}
      </form>
      ${this.renderAsk()}
    </div>`}renderAsk(){if(!this.info?.requests)return x;let e=this._ask,t=this.target.media_type===`tv`?this._season:null,n=this.target.media_type===`movie`?`it`:t===null?`the whole series`:this.target.seasons.find(e=>e.number===t)?.name??`season ${t}`;return e?.state===`asked`?y`<div class="ask">
        <p class="added" role="status">
          ${I(j)} ${e.created?`Requested`:`Already requested — you were added`}
        </p>
        <button class="btn text" @click=${()=>G(this,{tab:`requests`})}>View in Requests</button>
      </div>`:y`<div class="ask">
      <p>Or request ${n}: the request stays in Requests, where Retry searches again.</p>
      ${e?.state===`error`?y`<p class="add-error" role="alert">Could not request it: ${T(e.error)}</p>`:x}
      <button class="btn request" ?disabled=${e?.state===`asking`} @click=${()=>void this.askFor()}>
        ${I(P)} ${e?.state===`asking`?`Requesting…`:`Request`}
      </button>
    </div>`}rowContext(e){return{host:this,language:this.api.language,add:this._adds[e.result_id],canAdd:this.info===null||this.qbittorrents.length>0,onAdd:e=>void this.add(e)}}static{this.styles=ti}});var Y=e=>`${e.media_type}:${e.tmdb_id}`;function ni(e,t,n,r=``){let i=`row-${e}`;return y`<section class="row ${r}" data-list=${e} aria-labelledby=${i}>
    <h2 id=${i}>${t}</h2>
    ${n}
  </section>`}function ri(e,t){return y`<div class="scroller-wrap">
    <button class="icon-btn scroll-btn prev" tabindex="-1" aria-hidden="true" @click=${e=>si(e,-1)}>
      ${I(Ot)}
    </button>
    <ul class="scroller" aria-labelledby=${e}>
      ${t}
    </ul>
    <button class="icon-btn scroll-btn next" tabindex="-1" aria-hidden="true" @click=${e=>si(e,1)}>
      ${I(kt)}
    </button>
  </div>`}function ii(e=!1){return y`<div class="scroller" aria-busy="true">
    ${[0,1,2,3,4,5].map(()=>e?ai():Qn())}
  </div>`}function ai(){return y`<div class="card" aria-hidden="true">
    <div class="poster thumb skeleton"></div>
    <span class="skeleton line"></span>
    <span class="skeleton line short"></span>
  </div>`}function oi(e,t,n=`Could not load this row`){return y`<div class="row-error" role="alert">
    <span>${n}: ${T(e)}</span>
    <button class="btn" @click=${t}>Try again</button>
  </div>`}function si(e,t){let n=e.currentTarget.parentElement?.querySelector(`.scroller`);n?.scrollBy({left:t*n.clientWidth*.8,behavior:`smooth`})}function ci(e,t,n,r,i,a){let o=e===`continue_watching`,s;if(r)s=oi(r,a.retry);else if(!n?.length)s=y`<p class="muted row-empty">${i}</p>`;else{let t=o?ur:dr;s=ri(`row-${e}`,k(n,e=>`${e.instance}:${e.item_id}`,e=>y`<li>${t(e,a.open)}</li>`))}return ni(e,t,s,o?`landscape`:``)}function li(e,t){return!e||e.status===`loading`?y`<div class="grid" aria-busy="true" aria-label="Searching">
      ${[0,1,2,3,4,5,6,7].map(Qn)}
    </div>`:e.status===`error`?H(`The search failed`,e.error,()=>t.run()):e.items.length?y`
    <p class="results-count" role="status">
      ${e.total} result${e.total===1?``:`s`} for “${e.query}”
    </p>
    <ul class="grid" aria-label="Search results">
      ${k(e.items,e=>Y(e),e=>y`<li>${Zn(e,t.open,t.listToggle(e))}</li>`)}
    </ul>
    ${e.error?y`<p class="row-error" role="alert">${T(e.error)}</p>`:x}
    ${e.page<e.totalPages?y`<div class="more">
          <button
            class="btn"
            ?disabled=${e.more}
            @click=${()=>t.run(e.page+1)}
          >
            ${e.more?`Loading…`:`Show more`}
          </button>
        </div>`:x}
  `:y`<p class="visually-hidden" role="status">No results</p>
      ${U(N,`Nothing found for “${e.query}”`,`Check the spelling, or try the original title.`)}`}function ui(e){return e.loaded?y`${fi(e)}${Ge.map(t=>di(e,t))}`:y`${[0,1,2].map(()=>y`<section class="row" aria-hidden="true">
        <div class="skeleton heading-skeleton"></div>
        <div class="scroller">${[0,1,2,3,4,5].map(Qn)}</div>
      </section>`)}`}function di(e,t){let n=e.rows[t]??{status:`loading`},r=`row-${t}`,i;return i=n.status===`loading`?ii():n.status===`error`?oi(n.error,()=>e.loadRow(t)):n.value.results.length?ri(r,k(n.value.results,e=>Y(e),t=>y`<li>${Zn(t,e.open,e.listToggle(t))}</li>`)):y`<p class="muted row-empty">Nothing here right now.</p>`,ni(t,qe[t],i)}function fi(e){let t=e.home;if(!t)return x;if(t.status===`loading`)return y`<div class="featured-skeleton skeleton" aria-hidden="true"></div>
      ${e.jellyfin?y`${ni(`continue_watching`,`Continue watching`,ii(!0),`landscape`)}
          ${ni(`recently_added`,`Recently added`,ii())}`:x}`;if(t.status===`error`)return y`<div class="home-error">${oi(t.error,()=>e.loadHome(),`Could not load your rows`)}</div>`;let n=t.value,r=n.errors??{};return y`
    ${n.featured?y`<pandora-panel-featured
          .item=${n.featured}
          ?admin=${e.admin}
          ?requests=${e.requests}
          ?listBusy=${e.listBusy(n.featured)}
          ?clearing=${e.clearing}
          @featured-action=${e.onFeaturedAction}
        ></pandora-panel-featured>`:r.featured?y`<div class="home-error">${oi(r.featured,()=>e.loadHome(),`Could not load the banner`)}</div>`:x}
    ${n.watchlist.length?ni(`my_list`,`My List`,ri(`row-my_list`,k(n.watchlist,e=>Y(e),t=>y`<li>${Zn(t,e.open,e.listToggle(t))}</li>`))):x}
    ${n.jellyfin?y`${ci(`continue_watching`,`Continue watching`,n.continue_watching,r.continue_watching,`Nothing in progress. What you start watching in Jellyfin shows up here.`,{retry:e.loadHome,open:e.openEntry})}
        ${ci(`recently_added`,`Recently added`,n.recently_added,r.recently_added,`Nothing new in your library yet.`,{retry:e.loadHome,open:e.openEntry})}`:x}
  `}var pi=class{#e;#t;#n;constructor(e,t){this.host=e,this.api=t,this.#e=null,this.#t=new Set,this.#n=!1,this.loadId=0,this.listKeys=null,this.toggleList=async e=>{let t=Y(e);if(this.#t.has(t))return;let n=!this.watchlistKeys.has(t);this.listBusy=new Set([...this.#t,t]);try{let t=this.api(),r=n?await t.addToWatchlist(e.tmdb_id,e.media_type):await t.removeFromWatchlist(e.tmdb_id,e.media_type);this.applyWatchlist(r.watchlist),this.load()}catch(t){K(this.host,{kind:`error`,message:`Could not ${n?`add`:`remove`} ${e.title} ${n?`to`:`from`} My List: ${T(t)}`})}finally{let e=new Set(this.#t);e.delete(t),this.listBusy=e}}}get state(){return this.#e}set state(e){this.#e=e,this.host.requestUpdate()}get listBusy(){return this.#t}set listBusy(e){this.#t=e,this.host.requestUpdate()}get clearing(){return this.#n}set clearing(e){this.#n=e,this.host.requestUpdate()}get rows(){return this.#e?.status===`ready`?this.#e.value:null}async load(){let e=++this.loadId;this.#e?.status!==`ready`&&(this.state={status:`loading`});try{let t=await this.api().home();e===this.loadId&&(this.state={status:`ready`,value:t})}catch(t){if(e!==this.loadId)return;nt(t)===`unknown_command`?this.state=null:this.#e?.status!==`ready`&&(this.state={status:`error`,error:t})}}get watchlistKeys(){let e=this.rows?.watchlist??[];return this.listKeys?.from!==e&&(this.listKeys={from:e,keys:new Set(e.map(Y))}),this.listKeys.keys}listToggle(e){if(!this.rows)return;let t=Y(e);return{inList:this.watchlistKeys.has(t),busy:this.#t.has(t),toggle:this.toggleList}}applyWatchlist(e){let t=this.rows;if(!t)return;let n=new Set(e.map(Y)),r=t.featured?{...t.featured,in_watchlist:n.has(Y(t.featured))}:null;this.state={status:`ready`,value:{...t,watchlist:e,featured:r}}}applyFeatured(e){let t=this.rows;if(!t)return;let n=e?{...e,in_watchlist:this.watchlistKeys.has(Y(e))}:null;this.state={status:`ready`,value:{...t,featured:n}}}async clearFeatured(){if(!this.#n){this.clearing=!0;try{let e=await this.api().clearFeatured();this.applyFeatured(e.featured),K(this.host,{kind:`success`,message:`The banner is back to the default`}),this.load()}catch(e){K(this.host,{kind:`error`,message:`Could not change the banner: ${T(e)}`})}finally{this.clearing=!1}}}},mi=[...L,$n,Hn,fr,l`
    :host {
      display: block;
      padding: 12px 0 32px;
      --_card: var(--pb-card-width, 124px);
      --_wide: 240px;
    }
    .landscape {
      --_col: var(--_wide);
    }
    .featured-skeleton {
      margin: 4px 16px 8px;
      aspect-ratio: 4 / 5;
      max-height: 520px;
      border-radius: var(--_radius);
    }
    @media (min-width: 720px) {
      .featured-skeleton {
        aspect-ratio: auto;
        height: clamp(340px, 36vw, 480px);
      }
    }
    .home-error {
      margin: 4px 0 8px;
    }
    .search {
      position: relative;
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 16px 12px;
      padding: 0 4px 0 14px;
      min-height: 48px;
      border-radius: 24px;
      background: var(--_surface);
      border: 1px solid var(--_divider);
      color: var(--_text-2);
    }
    .search:focus-within {
      border-color: var(--_primary);
      box-shadow: 0 0 0 1px var(--_primary);
    }
    input {
      flex: 1;
      min-width: 0;
      min-height: 46px;
      border: none;
      outline: none;
      background: transparent;
      color: var(--_text);
      font: inherit;
      font-size: 1rem;
      padding: 0 6px;
    }
    input::placeholder {
      color: var(--_text-2);
      opacity: 1;
    }
    input::-webkit-search-cancel-button {
      display: none;
    }
    .row {
      margin-top: 8px;
      content-visibility: auto;
      contain-intrinsic-size: auto 300px;
    }
    h2 {
      font-size: 1.1rem;
      font-weight: 600;
      margin: 8px 16px 10px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .scroller-wrap {
      position: relative;
    }
    .scroller {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: var(--_col, var(--_card));
      gap: 12px;
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scroll-snap-type: x proximity;
      scroll-padding: 0 16px;
      padding: 4px 16px 8px;
      scrollbar-width: thin;
    }
    .scroller > * {
      scroll-snap-align: start;
    }
    .scroll-btn {
      display: none;
      position: absolute;
      top: calc(var(--_card) * 0.75 - 22px);
      z-index: 1;
      background: var(--_surface);
      box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
    }
    .landscape .scroll-btn {
      top: calc(var(--_wide) * 0.28 - 22px);
    }
    .scroll-btn:hover {
      background: var(--_surface-alt);
    }
    .prev {
      left: 4px;
    }
    .next {
      right: 4px;
    }
    @media (hover: hover) and (pointer: fine) {
      .scroller-wrap:hover .scroll-btn {
        display: grid;
      }
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--_card), 1fr));
      gap: 16px 12px;
      padding: 4px 16px;
    }
    .results-count {
      margin: 4px 16px 10px;
      color: var(--_text-2);
      font-size: 0.9rem;
    }
    .more {
      display: flex;
      justify-content: center;
      padding: 20px;
    }
    .row-error {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin: 0 16px;
      padding: 12px 14px;
      border-radius: var(--_radius);
      border: 1px solid var(--_divider);
      border-left: 4px solid var(--_error);
      background: var(--_surface);
      font-size: 0.9rem;
    }
    .muted {
      color: var(--_text-2);
    }
    .row-empty {
      margin: 0 16px;
    }
    .heading-skeleton {
      height: 20px;
      width: 160px;
      margin: 10px 16px 12px;
    }
    @media (min-width: 600px) {
      :host {
        --_card: var(--pb-card-width, 150px);
        --_wide: 280px;
        padding-top: 16px;
      }
      .featured-skeleton {
        margin: 8px 24px 12px;
      }
      .search {
        max-width: 640px;
        margin: 4px 24px 16px;
      }
      h2 {
        margin: 12px 24px 10px;
      }
      .scroller,
      .grid {
        padding-left: 24px;
        padding-right: 24px;
      }
      .scroller {
        scroll-padding: 0 24px;
      }
      .row-error,
      .row-empty {
        margin: 0 24px;
      }
    }
  `];D(`pandora-panel-discover`,class extends q{static get properties(){return{openTitle:{attribute:!1},search:{attribute:!1},_rows:{state:!0},_query:{state:!0},_search:{state:!0},_selected:{state:!0},_download:{state:!0},_play:{state:!0},_entry:{state:!0},_startWith:{state:!0}}}constructor(){super(),this.home=new pi(this,()=>this.api),this.searchId=0,this.loadedRows=!1,this.linked=null,this.openEntry=e=>{let t=sr(e);if(t){this.open(t),this._entry=e;return}let n=nr(e);this._play={name:n,detail:[e.type===`Episode`&&e.name!==n?e.name:null,e.server].filter(Boolean).join(` · `),webUrl:e.web_url,target:ar(e)}},this.open=(e,t=null)=>{this.show(e,t);let{media_type:n,tmdb_id:r}=e,i=Y(e);i!==this.linked&&(this.linked=i,G(this,{view:{title:{media_type:n,tmdb_id:r}}}))},this.searchActions={run:e=>void this.runSearch(e),open:e=>this.open(e),listToggle:e=>this.home.listToggle(e)},this.info=null,this.admin=!1,this.narrow=!1,this._rows={},this._query=``,this._search=null,this._selected=null,this._download=null,this.openTitle=null,this.search=``,this._play=null,this._entry=null,this._startWith=null}get hasTmdb(){return!!this.info?.services.tmdb?.length}connectedCallback(){super.connectedCallback(),this.loadedRows&&this.home.state&&this.home.load()}disconnectedCallback(){super.disconnectedCallback(),clearTimeout(this.debounce)}willUpdate(e){if((e.has(`openTitle`)||(e.has(`api`)||e.has(`info`))&&this.openTitle)&&this.followLink(),e.has(`search`)&&(this.search??``).trim()!==this._query.trim()&&this.followSearch(),(e.has(`info`)||e.has(`api`))&&this.api&&this.hasTmdb&&!this.loadedRows){this.loadedRows=!0,this.home.load();for(let e of Ge)this.loadRow(e)}}onWatchlistChanged(e){e.stopPropagation(),this.home.applyWatchlist(e.detail.watchlist),this.home.load()}onFeaturedChanged(e){e.stopPropagation(),this.home.applyFeatured(e.detail.featured),this.home.load()}onFeaturedAction(e){e.stopPropagation();let t=this.home.rows?.featured;if(t)switch(e.detail.action){case`more`:this.open(t);break;case`request`:this.open(t,`request`);break;case`play-on`:this._play={name:t.title,detail:[t.year,t.media_type===`tv`?`TV series`:`Movie`].filter(Boolean).join(` · `),webUrl:t.library?.web_url??null,target:{tmdb_id:t.tmdb_id,media_type:t.media_type}};break;case`watchlist`:this.home.toggleList(t);break;case`download`:this.download(t);break;case`clear`:this.home.clearFeatured()}}async download(e){let t=[];e.media_type===`tv`&&(t=await this.api.media(e.tmdb_id,e.media_type).then(e=>e.seasons,()=>[]));let{tmdb_id:n,media_type:r,title:i,year:a}=e;this._download={tmdb_id:n,media_type:r,title:i,year:a,seasons:t}}async loadRow(e){this._rows={...this._rows,[e]:{status:`loading`}};let t;try{t={status:`ready`,value:await this.api.discover(e)}}catch(e){t={status:`error`,error:e}}this._rows={...this._rows,[e]:t}}followSearch(){clearTimeout(this.debounce),this._query=this.search??``,this._query.trim()?this.runSearch():(this.searchId++,this._search=null)}searchToUrl(){G(this,{view:{q:this._query.trim()?this._query:void 0},replace:!0})}onInput(e){this._query=e.target.value,this.searchToUrl(),clearTimeout(this.debounce),this._query.trim()?this.debounce=setTimeout(()=>void this.runSearch(),300):(this.searchId++,this._search=null)}onSearchKey(e){e.key===`Enter`?(clearTimeout(this.debounce),this._query.trim()&&this.runSearch()):e.key===`Escape`&&this._query&&(e.stopPropagation(),this.clearSearch())}clearSearch(){clearTimeout(this.debounce),this.searchId++,this._query=``,this._search=null,this.searchToUrl(),this.renderRoot.querySelector(`#search`)?.focus()}async runSearch(e=1){let t=this._query.trim();if(!t)return;let n=++this.searchId,r=e>1&&this._search?.query===t?this._search:null;this._search=r?{...r,more:!0}:{query:t,status:`loading`,items:[],page:0,totalPages:0,total:0};try{let i=await this.api.searchMedia(t,e);if(n!==this.searchId)return;this._search={query:t,status:`ready`,items:[...r?.items??[],...i.results],page:i.page,totalPages:i.total_pages,total:i.total_results}}catch(e){if(n!==this.searchId)return;this._search=r?{...r,more:!1,error:e}:{query:t,status:`error`,items:[],page:0,totalPages:0,total:0,error:e}}}show(e,t=null){this._selected=e,this._entry=null,this._startWith=t}followLink(){let e=this.openTitle;if(!e){this.linked&&(this._selected=null),this.linked=null;return}let t=`${e.media_type}:${e.tmdb_id}`;if(t===this.linked||!this.api||!this.hasTmdb)return;this.linked=t;let n=this._selected;n&&n.tmdb_id===e.tmdb_id&&n.media_type===e.media_type||this.api.media(e.tmdb_id,e.media_type).then(e=>{this.linked===t&&this.show(e)},e=>{this.linked===t&&K(this,{kind:`error`,message:`Could not open this title: ${T(e)}`})})}closeDetails(){this._selected=null,this._entry=null,this._startWith=null,this.linked&&(this.linked=null,G(this,{view:{title:void 0},back:!0}))}onDownload(e){e.stopPropagation(),this._download=e.detail}get rowsView(){return{loaded:!!this.info,admin:this.admin,requests:!!this.info?.requests,jellyfin:!!this.info?.services.jellyfin?.length,home:this.home.state,rows:this._rows,clearing:this.home.clearing,listBusy:e=>this.home.listBusy.has(Y(e)),listToggle:e=>this.home.listToggle(e),open:e=>this.open(e),openEntry:e=>this.openEntry(e),loadHome:()=>void this.home.load(),loadRow:e=>void this.loadRow(e),onFeaturedAction:e=>this.onFeaturedAction(e)}}render(){return this.info&&!this.hasTmdb?W({iconPath:Yt,title:`Add TMDB to discover movies and shows`,why:`Discover shows what is trending and popular, with details and where each title streams, from The Movie Database (TMDB). It needs a free TMDB API key.`,service:`TMDB`,admin:this.admin}):y`
      <div class="search" role="search">
        ${I(N)}
        <label for="search" class="visually-hidden">Search movies and TV shows</label>
        <input
          id="search"
          type="search"
          enterkeyhint="search"
          autocomplete="off"
          placeholder="Search movies and TV shows"
          .value=${this._query}
          @input=${this.onInput}
          @keydown=${this.onSearchKey}
        />
        ${this._query?y`<button class="icon-btn" aria-label="Clear search" @click=${this.clearSearch}>
              ${I(M)}
            </button>`:x}
      </div>
      ${this._query.trim()?li(this._search,this.searchActions):ui(this.rowsView)}
      ${this._selected?y`<pandora-panel-sheet
            .narrow=${this.narrow}
            label=${this._selected.title}
            @close=${this.closeDetails}
          >
            <pandora-panel-details
              .api=${this.api}
              .item=${this._selected}
              .entry=${this._entry}
              .startWith=${this._startWith}
              .watchlisted=${this.home.rows?this.home.watchlistKeys.has(Y(this._selected)):void 0}
              ?watching=${!!this.home.rows}
              ?featured=${!!(this.home.rows?.featured?.chosen&&Y(this.home.rows.featured)===Y(this._selected))}
              ?admin=${this.admin}
              ?requests=${!!this.info?.requests}
              @download-requested=${this.onDownload}
              @watchlist-changed=${this.onWatchlistChanged}
              @featured-changed=${this.onFeaturedChanged}
            ></pandora-panel-details>
          </pandora-panel-sheet>`:x}
      ${this._play?y`<pandora-panel-sheet
            .narrow=${this.narrow}
            label="Play ${this._play.name}"
            @close=${()=>this._play=null}
          >
            <pandora-panel-play
              standalone
              .api=${this.api}
              .target=${this._play.target}
              .name=${this._play.name}
              .detail=${this._play.detail}
              .webUrl=${this._play.webUrl}
            ></pandora-panel-play>
          </pandora-panel-sheet>`:x}
      ${this._download?y`<pandora-panel-sheet
            .narrow=${this.narrow}
            label="Download ${this._download.title}"
            @close=${()=>this._download=null}
          >
            <pandora-panel-releases
              .api=${this.api}
              .info=${this.info}
              .target=${this._download}
            ></pandora-panel-releases>
          </pandora-panel-sheet>`:x}
    `}static{this.styles=mi}});var X=(e,t)=>{let n=e._$AN;if(n===void 0)return!1;for(let e of n)e._$AO?.(t,!1),X(e,t);return!0},hi=e=>{let t,n;do{if((t=e._$AM)===void 0)break;n=t._$AN,n.delete(e),e=t}while(n?.size===0)},gi=e=>{for(let t;t=e._$AM;e=t){let n=t._$AN;if(n===void 0)t._$AN=n=new Set;else if(n.has(e))break;n.add(e),yi(t)}};function _i(e){this._$AN===void 0?this._$AM=e:(hi(this),this._$AM=e,gi(this))}function vi(e,t=!1,n=0){let r=this._$AH,i=this._$AN;if(i!==void 0&&i.size!==0){if(t){if(Array.isArray(r))for(let e=n;e<r.length;e++)X(r[e],!1),hi(r[e]);else r!=null&&(X(r,!1),hi(r))}else X(this,e)}}var yi=e=>{e.type==ct.CHILD&&(e._$AP??=vi,e._$AQ??=_i)},bi=class extends ut{constructor(){super(...arguments),this._$AN=void 0}_$AT(e,t,n){super._$AT(e,t,n),gi(this),this.isConnected=e._$AU}_$AO(e,t=!0){e!==this.isConnected&&(this.isConnected=e,e?this.reconnected?.():this.disconnected?.()),t&&(X(this,e),hi(this))}setValue(e){if(pt(this._$Ct))this._$Ct._$AI(e,this);else{let t=[...this._$Ct._$AH];t[this._$Ci]=e,this._$Ct._$AI(t,this,0)}}disconnected(){}reconnected(){}},xi=class e extends Event{constructor(t){super(e.eventName,{bubbles:!1}),this.first=t.first,this.last=t.last}};xi.eventName=`rangeChanged`;var Si=class e extends Event{constructor(t){super(e.eventName,{bubbles:!1}),this.first=t.first,this.last=t.last}};Si.eventName=`visibilityChanged`;var Ci=class e extends Event{constructor(){super(e.eventName,{bubbles:!1})}};Ci.eventName=`unpinned`;var wi=class{constructor(e){this._element=null;let t=e??window;this._node=t,e&&(this._element=e)}get element(){return this._element||document.scrollingElement||document.documentElement}get scrollTop(){return this.element.scrollTop||window.scrollY}get scrollLeft(){return this.element.scrollLeft||window.scrollX}get scrollHeight(){return this.element.scrollHeight}get scrollWidth(){return this.element.scrollWidth}get viewportHeight(){return this._element?this._element.getBoundingClientRect().height:window.innerHeight}get viewportWidth(){return this._element?this._element.getBoundingClientRect().width:window.innerWidth}get maxScrollTop(){return this.scrollHeight-this.viewportHeight}get maxScrollLeft(){return this.scrollWidth-this.viewportWidth}},Ti=class extends wi{constructor(e,t){super(t),this._clients=new Set,this._retarget=null,this._end=null,this.__destination=null,this.correctingScrollError=!1,this._checkForArrival=this._checkForArrival.bind(this),this._updateManagedScrollTo=this._updateManagedScrollTo.bind(this),this.scrollTo=this.scrollTo.bind(this),this.scrollBy=this.scrollBy.bind(this);let n=this._node;this._originalScrollTo=n.scrollTo,this._originalScrollBy=n.scrollBy,this._originalScroll=n.scroll,this._attach(e)}get _destination(){return this.__destination}get scrolling(){return this._destination!==null}scrollTo(e,t){let n=typeof e==`number`&&typeof t==`number`?{left:e,top:t}:e;this._scrollTo(n)}scrollBy(e,t){let n=typeof e==`number`&&typeof t==`number`?{left:e,top:t}:e;n.top!==void 0&&(n.top+=this.scrollTop),n.left!==void 0&&(n.left+=this.scrollLeft),this._scrollTo(n)}_nativeScrollTo(e){this._originalScrollTo.bind(this._element||window)(e)}_scrollTo(e,t=null,n=null){this._end!==null&&this._end(),e.behavior===`smooth`?(this._setDestination(e),this._retarget=t,this._end=n):this._resetScrollState(),this._nativeScrollTo(e)}_setDestination(e){let{top:t,left:n}=e;return t=t===void 0?void 0:Math.max(0,Math.min(t,this.maxScrollTop)),n=n===void 0?void 0:Math.max(0,Math.min(n,this.maxScrollLeft)),this._destination!==null&&n===this._destination.left&&t===this._destination.top?!1:(this.__destination={top:t,left:n,behavior:`smooth`},!0)}_resetScrollState(){this.__destination=null,this._retarget=null,this._end=null}_updateManagedScrollTo(e){this._destination&&this._setDestination(e)&&this._nativeScrollTo(this._destination)}managedScrollTo(e,t,n){return this._scrollTo(e,t,n),this._updateManagedScrollTo}correctScrollError(e){this.correctingScrollError=!0,requestAnimationFrame(()=>requestAnimationFrame(()=>this.correctingScrollError=!1)),this._nativeScrollTo(e),this._retarget&&this._setDestination(this._retarget()),this._destination&&this._nativeScrollTo(this._destination)}_checkForArrival(){if(this._destination!==null){let{scrollTop:e,scrollLeft:t}=this,{top:n,left:r}=this._destination;n=Math.min(n||0,this.maxScrollTop),r=Math.min(r||0,this.maxScrollLeft);let i=Math.abs(n-e),a=Math.abs(r-t);i<1&&a<1&&(this._end&&this._end(),this._resetScrollState())}}detach(e){return this._clients.delete(e),this._clients.size===0&&(this._node.scrollTo=this._originalScrollTo,this._node.scrollBy=this._originalScrollBy,this._node.scroll=this._originalScroll,this._node.removeEventListener(`scroll`,this._checkForArrival)),null}_attach(e){this._clients.add(e),this._clients.size===1&&(this._node.scrollTo=this.scrollTo,this._node.scrollBy=this.scrollBy,this._node.scroll=this.scrollTo,this._node.addEventListener(`scroll`,this._checkForArrival))}},Ei,Di=t((()=>{Ei=class{constructor(e){this._map=new Map,this._roundAverageSize=!1,this.totalSize=0,e?.roundAverageSize===!0&&(this._roundAverageSize=!0)}set(e,t){let n=this._map.get(e)||0;this._map.set(e,t),this.totalSize+=t-n}get averageSize(){if(this._map.size>0){let e=this.totalSize/this._map.size;return this._roundAverageSize?Math.round(e):e}return 0}getSize(e){return this._map.get(e)}clear(){this._map.clear(),this.totalSize=0}}}));function Oi(e){return e===`horizontal`?`width`:`height`}var ki,Ai=t((()=>{ki=class{_getDefaultConfig(){return{direction:`vertical`}}constructor(e,t){this._latestCoords={left:0,top:0},this._direction=null,this._viewportSize={width:0,height:0},this.totalScrollSize={width:0,height:0},this.offsetWithinScroller={left:0,top:0},this._pendingReflow=!1,this._pendingLayoutUpdate=!1,this._pin=null,this._firstVisible=0,this._lastVisible=0,this._physicalMin=0,this._physicalMax=0,this._first=-1,this._last=-1,this._sizeDim=`height`,this._secondarySizeDim=`width`,this._positionDim=`top`,this._secondaryPositionDim=`left`,this._scrollPosition=0,this._scrollError=0,this._items=[],this._scrollSize=1,this._overhang=1e3,this._hostSink=e,Promise.resolve().then(()=>this.config=t||this._getDefaultConfig())}set config(e){Object.assign(this,Object.assign({},this._getDefaultConfig(),e))}get config(){return{direction:this.direction}}get items(){return this._items}set items(e){this._setItems(e)}_setItems(e){e!==this._items&&(this._items=e,this._scheduleReflow())}get direction(){return this._direction}set direction(e){e=e===`horizontal`?e:`vertical`,e!==this._direction&&(this._direction=e,this._sizeDim=e===`horizontal`?`width`:`height`,this._secondarySizeDim=e===`horizontal`?`height`:`width`,this._positionDim=e===`horizontal`?`left`:`top`,this._secondaryPositionDim=e===`horizontal`?`top`:`left`,this._triggerReflow())}get viewportSize(){return this._viewportSize}set viewportSize(e){let{_viewDim1:t,_viewDim2:n}=this;Object.assign(this._viewportSize,e),n===this._viewDim2?t!==this._viewDim1&&this._checkThresholds():this._scheduleLayoutUpdate()}get viewportScroll(){return this._latestCoords}set viewportScroll(e){Object.assign(this._latestCoords,e);let t=this._scrollPosition;this._scrollPosition=this._latestCoords[this._positionDim],Math.abs(t-this._scrollPosition)>=1&&this._checkThresholds()}reflowIfNeeded(e=!1){(e||this._pendingReflow)&&(this._pendingReflow=!1,this._reflow())}set pin(e){this._pin=e,this._triggerReflow()}get pin(){if(this._pin!==null){let{index:e,block:t}=this._pin;return{index:Math.max(0,Math.min(e,this.items.length-1)),block:t}}return null}_clampScrollPosition(e){return Math.max(-this.offsetWithinScroller[this._positionDim],Math.min(e,this.totalScrollSize[Oi(this.direction)]-this._viewDim1))}unpin(){this._pin!==null&&(this._sendUnpinnedMessage(),this._pin=null)}_updateLayout(){}get _viewDim1(){return this._viewportSize[this._sizeDim]}get _viewDim2(){return this._viewportSize[this._secondarySizeDim]}_scheduleReflow(){this._pendingReflow=!0}_scheduleLayoutUpdate(){this._pendingLayoutUpdate=!0,this._scheduleReflow()}_triggerReflow(){this._scheduleLayoutUpdate(),Promise.resolve().then(()=>this.reflowIfNeeded())}_reflow(){this._pendingLayoutUpdate&&=(this._updateLayout(),!1),this._updateScrollSize(),this._setPositionFromPin(),this._getActiveItems(),this._updateVisibleIndices(),this._sendStateChangedMessage()}_setPositionFromPin(){if(this.pin!==null){let e=this._scrollPosition,{index:t,block:n}=this.pin;this._scrollPosition=this._calculateScrollIntoViewPosition({index:t,block:n||`start`})-this.offsetWithinScroller[this._positionDim],this._scrollError=e-this._scrollPosition}}_calculateScrollIntoViewPosition(e){let{block:t}=e,n=Math.min(this.items.length,Math.max(0,e.index)),r=this._getItemPosition(n)[this._positionDim],i=r;if(t!==`start`){let e=this._getItemSize(n)[this._sizeDim];if(t===`center`)i=r-.5*this._viewDim1+.5*e;else{let n=r-this._viewDim1+e;if(t===`end`)i=n;else{let e=this._scrollPosition;i=Math.abs(e-r)<Math.abs(e-n)?r:n}}}return i+=this.offsetWithinScroller[this._positionDim],this._clampScrollPosition(i)}getScrollIntoViewCoordinates(e){return{[this._positionDim]:this._calculateScrollIntoViewPosition(e)}}_sendUnpinnedMessage(){this._hostSink({type:`unpinned`})}_sendVisibilityChangedMessage(){this._hostSink({type:`visibilityChanged`,firstVisible:this._firstVisible,lastVisible:this._lastVisible})}_sendStateChangedMessage(){let e=new Map;if(this._first!==-1&&this._last!==-1)for(let t=this._first;t<=this._last;t++)e.set(t,this._getItemPosition(t));let t={type:`stateChanged`,scrollSize:{[this._sizeDim]:this._scrollSize,[this._secondarySizeDim]:null},range:{first:this._first,last:this._last,firstVisible:this._firstVisible,lastVisible:this._lastVisible},childPositions:e};this._scrollError&&=(t.scrollError={[this._positionDim]:this._scrollError,[this._secondaryPositionDim]:0},0),this._hostSink(t)}get _num(){return this._first===-1||this._last===-1?0:this._last-this._first+1}_checkThresholds(){if(this._viewDim1===0&&this._num>0||this._pin!==null)this._scheduleReflow();else{let e=Math.max(0,this._scrollPosition-this._overhang),t=Math.min(this._scrollSize,this._scrollPosition+this._viewDim1+this._overhang);this._physicalMin>e||this._physicalMax<t?this._scheduleReflow():this._updateVisibleIndices({emit:!0})}}_updateVisibleIndices(e){if(this._first===-1||this._last===-1)return;let t=this._first;for(;t<this._last&&Math.round(this._getItemPosition(t)[this._positionDim]+this._getItemSize(t)[this._sizeDim])<=Math.round(this._scrollPosition);)t++;let n=this._last;for(;n>this._first&&Math.round(this._getItemPosition(n)[this._positionDim])>=Math.round(this._scrollPosition+this._viewDim1);)n--;(t!==this._firstVisible||n!==this._lastVisible)&&(this._firstVisible=t,this._lastVisible=n,e&&e.emit&&this._sendVisibilityChangedMessage())}}})),ji=n({FlowLayout:()=>Ri,flow:()=>Ii});function Mi(e){return e===`horizontal`?`marginLeft`:`marginTop`}function Ni(e){return e===`horizontal`?`marginRight`:`marginBottom`}function Pi(e){return e===`horizontal`?`xOffset`:`yOffset`}function Fi(e,t){let n=[e,t].sort();return n[1]<=0?Math.min(...n):n[0]>=0?Math.max(...n):n[0]+n[1]}var Ii,Li,Ri,zi=t((()=>{Di(),Ai(),Ii=e=>Object.assign({type:Ri},e),Li=class{constructor(){this._childSizeCache=new Ei,this._marginSizeCache=new Ei,this._metricsCache=new Map}update(e,t){let n=new Set;Object.keys(e).forEach(r=>{let i=Number(r);this._metricsCache.set(i,e[i]),this._childSizeCache.set(i,e[i][Oi(t)]),n.add(i),n.add(i+1)});for(let e of n){let n=this._metricsCache.get(e)?.[Mi(t)]||0,r=this._metricsCache.get(e-1)?.[Ni(t)]||0;this._marginSizeCache.set(e,Fi(n,r))}}get averageChildSize(){return this._childSizeCache.averageSize}get totalChildSize(){return this._childSizeCache.totalSize}get averageMarginSize(){return this._marginSizeCache.averageSize}get totalMarginSize(){return this._marginSizeCache.totalSize}getLeadingMarginValue(e,t){return this._metricsCache.get(e)?.[Mi(t)]||0}getChildSize(e){return this._childSizeCache.getSize(e)}getMarginSize(e){return this._marginSizeCache.getSize(e)}clear(){this._childSizeCache.clear(),this._marginSizeCache.clear(),this._metricsCache.clear()}},Ri=class extends ki{constructor(){super(...arguments),this._itemSize={width:100,height:100},this._physicalItems=new Map,this._newPhysicalItems=new Map,this._metricsCache=new Li,this._anchorIdx=null,this._anchorPos=null,this._stable=!0,this._measureChildren=!0,this._estimate=!0}get measureChildren(){return this._measureChildren}updateItemSizes(e){this._metricsCache.update(e,this.direction),this._scheduleReflow()}_getPhysicalItem(e){return this._newPhysicalItems.get(e)??this._physicalItems.get(e)}_getSize(e){return this._getPhysicalItem(e)&&this._metricsCache.getChildSize(e)}_getAverageSize(){return this._metricsCache.averageChildSize||this._itemSize[this._sizeDim]}_estimatePosition(e){let t=this._metricsCache;if(this._first===-1||this._last===-1)return t.averageMarginSize+e*(t.averageMarginSize+this._getAverageSize());if(e<this._first){let n=this._first-e;return this._getPhysicalItem(this._first).pos-(t.getMarginSize(this._first-1)||t.averageMarginSize)-(n*t.averageChildSize+(n-1)*t.averageMarginSize)}{let n=e-this._last;return this._getPhysicalItem(this._last).pos+(t.getChildSize(this._last)||t.averageChildSize)+(t.getMarginSize(this._last)||t.averageMarginSize)+n*(t.averageChildSize+t.averageMarginSize)}}_getPosition(e){let t=this._getPhysicalItem(e),{averageMarginSize:n}=this._metricsCache;return e===0?this._metricsCache.getMarginSize(0)??n:t?t.pos:this._estimatePosition(e)}_calculateAnchor(e,t){return e<=0?0:t>this._scrollSize-this._viewDim1?this.items.length-1:Math.max(0,Math.min(this.items.length-1,Math.floor((e+t)/2/this._delta)))}_getAnchor(e,t){if(this._physicalItems.size===0||this._first<0||this._last<0)return this._calculateAnchor(e,t);let n=this._getPhysicalItem(this._first),r=this._getPhysicalItem(this._last),i=n.pos;if(r.pos+this._metricsCache.getChildSize(this._last)<e||i>t)return this._calculateAnchor(e,t);let a=this._firstVisible-1,o=-1/0;for(;o<e;)o=this._getPhysicalItem(++a).pos+this._metricsCache.getChildSize(a);return a}_getActiveItems(){this._viewDim1===0||this.items.length===0?this._clearItems():this._getItems()}_clearItems(){this._first=-1,this._last=-1,this._physicalMin=0,this._physicalMax=0;let e=this._newPhysicalItems;this._newPhysicalItems=this._physicalItems,this._newPhysicalItems.clear(),this._physicalItems=e,this._stable=!0}_getItems(){let e=this._newPhysicalItems;this._stable=!0;let t,n;if(this.pin!==null){let{index:e}=this.pin;this._anchorIdx=e,this._anchorPos=this._getPosition(e)}if(t=this._scrollPosition-this._overhang,n=this._scrollPosition+this._viewDim1+this._overhang,n<0||t>this._scrollSize){this._clearItems();return}(this._anchorIdx===null||this._anchorPos===null)&&(this._anchorIdx=this._getAnchor(t,n),this._anchorPos=this._getPosition(this._anchorIdx));let r=this._getSize(this._anchorIdx);r===void 0&&(this._stable=!1,r=this._getAverageSize());let i=this._metricsCache.getMarginSize(this._anchorIdx)??this._metricsCache.averageMarginSize,a=this._metricsCache.getMarginSize(this._anchorIdx+1)??this._metricsCache.averageMarginSize;this._anchorIdx===0&&(this._anchorPos=i),this._anchorIdx===this.items.length-1&&(this._anchorPos=this._scrollSize-a-r);let o=0;for(this._anchorPos+r+a<t&&(o=t-(this._anchorPos+r+a)),this._anchorPos-i>n&&(o=n-(this._anchorPos-i)),o&&(this._scrollPosition-=o,t-=o,n-=o,this._scrollError+=o),e.set(this._anchorIdx,{pos:this._anchorPos,size:r}),this._first=this._last=this._anchorIdx,this._physicalMin=this._anchorPos-i,this._physicalMax=this._anchorPos+r+a;this._physicalMin>t&&this._first>0;){let t=this._getSize(--this._first);t===void 0&&(this._stable=!1,t=this._getAverageSize());let n=this._metricsCache.getMarginSize(this._first);n===void 0&&(this._stable=!1,n=this._metricsCache.averageMarginSize),this._physicalMin-=t;let r=this._physicalMin;if(e.set(this._first,{pos:r,size:t}),this._physicalMin-=n,this._stable===!1&&this._estimate===!1)break}for(;this._physicalMax<n&&this._last<this.items.length-1;){let t=this._getSize(++this._last);t===void 0&&(this._stable=!1,t=this._getAverageSize());let n=this._metricsCache.getMarginSize(this._last);n===void 0&&(this._stable=!1,n=this._metricsCache.averageMarginSize);let r=this._physicalMax;if(e.set(this._last,{pos:r,size:t}),this._physicalMax+=t+n,!this._stable&&!this._estimate)break}let s=this._calculateError();s&&(this._physicalMin-=s,this._physicalMax-=s,this._anchorPos-=s,this._scrollPosition-=s,e.forEach(e=>e.pos-=s),this._scrollError+=s),this._stable&&(this._newPhysicalItems=this._physicalItems,this._newPhysicalItems.clear(),this._physicalItems=e)}_calculateError(){return this._first===0?this._physicalMin:this._physicalMin<=0?this._physicalMin-this._first*this._delta:this._last===this.items.length-1?this._physicalMax-this._scrollSize:this._physicalMax>=this._scrollSize?this._physicalMax-this._scrollSize+(this.items.length-1-this._last)*this._delta:0}_reflow(){let{_first:e,_last:t}=this;super._reflow(),(this._first===-1&&this._last==-1||this._first===e&&this._last===t)&&this._resetReflowState()}_resetReflowState(){this._anchorIdx=null,this._anchorPos=null,this._stable=!0}_updateScrollSize(){let{averageMarginSize:e}=this._metricsCache;this._scrollSize=Math.max(1,this.items.length*(e+this._getAverageSize())+e)}get _delta(){let{averageMarginSize:e}=this._metricsCache;return this._getAverageSize()+e}_getItemPosition(e){return{[this._positionDim]:this._getPosition(e),[this._secondaryPositionDim]:0,[Pi(this.direction)]:-(this._metricsCache.getLeadingMarginValue(e,this.direction)??this._metricsCache.averageMarginSize)}}_getItemSize(e){return{[this._sizeDim]:this._getSize(e)||this._getAverageSize(),[this._secondarySizeDim]:this._itemSize[this._secondarySizeDim]}}_viewDim2Changed(){this._metricsCache.clear(),this._scheduleReflow()}}})),Bi=typeof window<`u`?window.ResizeObserver:void 0,Vi=Symbol(`virtualizerRef`),Hi=`virtualizer-sizer`,Ui,Wi=class{constructor(e){if(this._benchmarkStart=null,this._layout=null,this._clippingAncestors=[],this._scrollSize=null,this._scrollError=null,this._childrenPos=null,this._childMeasurements=null,this._toBeMeasured=new Map,this._rangeChanged=!0,this._itemsChanged=!0,this._visibilityChanged=!0,this._scrollerController=null,this._isScroller=!1,this._sizer=null,this._hostElementRO=null,this._childrenRO=null,this._mutationObserver=null,this._scrollEventListeners=[],this._scrollEventListenerOptions={passive:!0},this._loadListener=this._childLoaded.bind(this),this._scrollIntoViewTarget=null,this._updateScrollIntoViewCoordinates=null,this._items=[],this._first=-1,this._last=-1,this._firstVisible=-1,this._lastVisible=-1,this._scheduled=new WeakSet,this._measureCallback=null,this._measureChildOverride=null,this._layoutCompletePromise=null,this._layoutCompleteResolver=null,this._layoutCompleteRejecter=null,this._pendingLayoutComplete=null,this._layoutInitialized=null,this._connected=!1,!e)throw Error(`Virtualizer constructor requires a configuration object`);if(e.hostElement)this._init(e);else throw Error(`Virtualizer configuration requires the "hostElement" property`)}set items(e){Array.isArray(e)&&e!==this._items&&(this._itemsChanged=!0,this._items=e,this._schedule(this._updateLayout))}_init(e){this._isScroller=!!e.scroller,this._initHostElement(e);let t=e.layout||{};this._layoutInitialized=this._initLayout(t)}_initObservers(){this._mutationObserver=new MutationObserver(this._finishDOMUpdate.bind(this)),this._hostElementRO=new Bi(()=>this._hostElementSizeChanged()),this._childrenRO=new Bi(this._childrenSizeChanged.bind(this))}_initHostElement(e){let t=this._hostElement=e.hostElement;this._applyVirtualizerStyles(),t[Vi]=this}connected(){this._initObservers();let e=this._isScroller;this._clippingAncestors=Yi(this._hostElement,e),this._scrollerController=new Ti(this,this._clippingAncestors[0]),this._schedule(this._updateLayout),this._observeAndListen(),this._connected=!0}_observeAndListen(){this._mutationObserver.observe(this._hostElement,{childList:!0}),this._hostElementRO.observe(this._hostElement),this._scrollEventListeners.push(window),window.addEventListener(`scroll`,this,this._scrollEventListenerOptions),this._clippingAncestors.forEach(e=>{e.addEventListener(`scroll`,this,this._scrollEventListenerOptions),this._scrollEventListeners.push(e),this._hostElementRO.observe(e)}),this._hostElementRO.observe(this._scrollerController.element),this._children.forEach(e=>this._childrenRO.observe(e)),this._scrollEventListeners.forEach(e=>e.addEventListener(`scroll`,this,this._scrollEventListenerOptions))}disconnected(){this._scrollEventListeners.forEach(e=>e.removeEventListener(`scroll`,this,this._scrollEventListenerOptions)),this._scrollEventListeners=[],this._clippingAncestors=[],this._scrollerController?.detach(this),this._scrollerController=null,this._mutationObserver?.disconnect(),this._mutationObserver=null,this._hostElementRO?.disconnect(),this._hostElementRO=null,this._childrenRO?.disconnect(),this._childrenRO=null,this._rejectLayoutCompletePromise(`disconnected`),this._connected=!1}_applyVirtualizerStyles(){let e=this._hostElement.style;e.display=e.display||`block`,e.position=e.position||`relative`,e.contain=e.contain||`size layout`,this._isScroller&&(e.overflow=e.overflow||`auto`,e.minHeight=e.minHeight||`150px`)}_getSizer(){let e=this._hostElement;if(!this._sizer){let t=e.querySelector(`[${Hi}]`);t||(t=document.createElement(`div`),t.setAttribute(Hi,``),e.appendChild(t)),Object.assign(t.style,{position:`absolute`,margin:`-2px 0 0 0`,padding:0,visibility:`hidden`,fontSize:`2px`}),t.textContent=`&nbsp;`,t.setAttribute(Hi,``),this._sizer=t}return this._sizer}async updateLayoutConfig(e){await this._layoutInitialized;let t=e.type||Ui;if(typeof t==`function`&&this._layout instanceof t){let t={...e};return delete t.type,this._layout.config=t,!0}return!1}async _initLayout(e){let t,n;if(typeof e.type==`function`){n=e.type;let r={...e};delete r.type,t=r}else t=e;n===void 0&&(Ui=n=(await Promise.resolve().then(()=>(zi(),ji))).FlowLayout),this._layout=new n(e=>this._handleLayoutMessage(e),t),this._layout.measureChildren&&typeof this._layout.updateItemSizes==`function`&&(typeof this._layout.measureChildren==`function`&&(this._measureChildOverride=this._layout.measureChildren),this._measureCallback=this._layout.updateItemSizes.bind(this._layout)),this._layout.listenForChildLoadEvents&&this._hostElement.addEventListener(`load`,this._loadListener,!0),this._schedule(this._updateLayout)}startBenchmarking(){this._benchmarkStart===null&&(this._benchmarkStart=window.performance.now())}stopBenchmarking(){if(this._benchmarkStart!==null){let e=window.performance.now(),t=e-this._benchmarkStart,n=performance.getEntriesByName(`uv-virtualizing`,`measure`).filter(t=>t.startTime>=this._benchmarkStart&&t.startTime<e).reduce((e,t)=>e+t.duration,0);return this._benchmarkStart=null,{timeElapsed:t,virtualizationTime:n}}return null}_measureChildren(){let e={},t=this._children,n=this._measureChildOverride||this._measureChild;for(let r=0;r<t.length;r++){let i=t[r],a=this._first+r;(this._itemsChanged||this._toBeMeasured.has(i))&&(e[a]=n.call(this,i,this._items[a]))}this._childMeasurements=e,this._schedule(this._updateLayout),this._toBeMeasured.clear()}_measureChild(e){let{width:t,height:n}=e.getBoundingClientRect();return Object.assign({width:t,height:n},Gi(e))}async _schedule(e){this._scheduled.has(e)||(this._scheduled.add(e),await Promise.resolve(),this._scheduled.delete(e),e.call(this))}async _updateDOM(e){this._scrollSize=e.scrollSize,this._adjustRange(e.range),this._childrenPos=e.childPositions,this._scrollError=e.scrollError||null;let{_rangeChanged:t,_itemsChanged:n}=this;this._visibilityChanged&&=(this._notifyVisibility(),!1),(t||n)&&(this._notifyRange(),this._rangeChanged=!1),this._finishDOMUpdate()}_finishDOMUpdate(){this._connected&&(this._children.forEach(e=>this._childrenRO.observe(e)),this._checkScrollIntoViewTarget(this._childrenPos),this._positionChildren(this._childrenPos),this._sizeHostElement(this._scrollSize),this._correctScrollError(),this._benchmarkStart&&`mark`in window.performance&&window.performance.mark(`uv-end`))}_updateLayout(){this._layout&&this._connected&&(this._layout.items=this._items,this._updateView(),this._childMeasurements!==null&&(this._measureCallback&&this._measureCallback(this._childMeasurements),this._childMeasurements=null),this._layout.reflowIfNeeded(),this._benchmarkStart&&`mark`in window.performance&&window.performance.mark(`uv-end`))}_handleScrollEvent(){if(this._benchmarkStart&&`mark`in window.performance){try{window.performance.measure(`uv-virtualizing`,`uv-start`,`uv-end`)}catch(e){console.warn(`Error measuring performance data: `,e)}window.performance.mark(`uv-start`)}this._scrollerController.correctingScrollError===!1&&this._layout?.unpin(),this._schedule(this._updateLayout)}handleEvent(e){switch(e.type){case`scroll`:(e.currentTarget===window||this._clippingAncestors.includes(e.currentTarget))&&this._handleScrollEvent();break;default:console.warn(`event not handled`,e)}}_handleLayoutMessage(e){e.type===`stateChanged`?this._updateDOM(e):e.type===`visibilityChanged`?(this._firstVisible=e.firstVisible,this._lastVisible=e.lastVisible,this._notifyVisibility()):e.type===`unpinned`&&this._hostElement.dispatchEvent(new Ci)}get _children(){let e=[],t=this._hostElement.firstElementChild;for(;t;)t.hasAttribute(Hi)||e.push(t),t=t.nextElementSibling;return e}_updateView(){let e=this._hostElement,t=this._scrollerController?.element,n=this._layout;if(e&&t&&n){let r,i,a,o,s=e.getBoundingClientRect();r=0,i=0,a=window.innerHeight,o=window.innerWidth;let c=this._clippingAncestors.map(e=>e.getBoundingClientRect());c.unshift(s);for(let e of c)r=Math.max(r,e.top),i=Math.max(i,e.left),a=Math.min(a,e.bottom),o=Math.min(o,e.right);let l=t.getBoundingClientRect(),u={left:s.left-l.left,top:s.top-l.top},d={width:t.scrollWidth,height:t.scrollHeight},f=r-s.top+e.scrollTop,p=i-s.left+e.scrollLeft,m=Math.max(0,a-r);n.viewportSize={width:Math.max(0,o-i),height:m},n.viewportScroll={top:f,left:p},n.totalScrollSize=d,n.offsetWithinScroller=u}}_sizeHostElement(e){let t=82e5,n=e&&e.width!==null?Math.min(t,e.width):0,r=e&&e.height!==null?Math.min(t,e.height):0;if(this._isScroller)this._getSizer().style.transform=`translate(${n}px, ${r}px)`;else{let e=this._hostElement.style;e.minWidth=n?`${n}px`:`100%`,e.minHeight=r?`${r}px`:`100%`}}_positionChildren(e){e&&e.forEach(({top:e,left:t,width:n,height:r,xOffset:i,yOffset:a},o)=>{let s=this._children[o-this._first];s&&(s.style.position=`absolute`,s.style.boxSizing=`border-box`,s.style.transform=`translate(${t}px, ${e}px)`,n!==void 0&&(s.style.width=n+`px`),r!==void 0&&(s.style.height=r+`px`),s.style.left=i===void 0?null:i+`px`,s.style.top=a===void 0?null:a+`px`)})}async _adjustRange(e){let{_first:t,_last:n,_firstVisible:r,_lastVisible:i}=this;this._first=e.first,this._last=e.last,this._firstVisible=e.firstVisible,this._lastVisible=e.lastVisible,this._rangeChanged=this._rangeChanged||this._first!==t||this._last!==n,this._visibilityChanged=this._visibilityChanged||this._firstVisible!==r||this._lastVisible!==i}_correctScrollError(){if(this._scrollError){let{scrollTop:e,scrollLeft:t}=this._scrollerController,{top:n,left:r}=this._scrollError;this._scrollError=null,this._scrollerController.correctScrollError({top:e-n,left:t-r})}}element(e){return e===1/0&&(e=this._items.length-1),this._items?.[e]===void 0?void 0:{scrollIntoView:(t={})=>this._scrollElementIntoView({...t,index:e})}}_scrollElementIntoView(e){if(e.index>=this._first&&e.index<=this._last)this._children[e.index-this._first].scrollIntoView(e);else if(e.index=Math.min(e.index,this._items.length-1),e.behavior===`smooth`){let t=this._layout.getScrollIntoViewCoordinates(e),{behavior:n}=e;this._updateScrollIntoViewCoordinates=this._scrollerController.managedScrollTo(Object.assign(t,{behavior:n}),()=>this._layout.getScrollIntoViewCoordinates(e),()=>this._scrollIntoViewTarget=null),this._scrollIntoViewTarget=e}else this._layout.pin=e}_checkScrollIntoViewTarget(e){let{index:t}=this._scrollIntoViewTarget||{};t&&e?.has(t)&&this._updateScrollIntoViewCoordinates(this._layout.getScrollIntoViewCoordinates(this._scrollIntoViewTarget))}_notifyRange(){this._hostElement.dispatchEvent(new xi({first:this._first,last:this._last}))}_notifyVisibility(){this._hostElement.dispatchEvent(new Si({first:this._firstVisible,last:this._lastVisible}))}get layoutComplete(){return this._layoutCompletePromise||=new Promise((e,t)=>{this._layoutCompleteResolver=e,this._layoutCompleteRejecter=t}),this._layoutCompletePromise}_rejectLayoutCompletePromise(e){this._layoutCompleteRejecter!==null&&this._layoutCompleteRejecter(e),this._resetLayoutCompleteState()}_scheduleLayoutComplete(){this._layoutCompletePromise&&this._pendingLayoutComplete===null&&(this._pendingLayoutComplete=requestAnimationFrame(()=>requestAnimationFrame(()=>this._resolveLayoutCompletePromise())))}_resolveLayoutCompletePromise(){this._layoutCompleteResolver!==null&&this._layoutCompleteResolver(),this._resetLayoutCompleteState()}_resetLayoutCompleteState(){this._layoutCompletePromise=null,this._layoutCompleteResolver=null,this._layoutCompleteRejecter=null,this._pendingLayoutComplete=null}_hostElementSizeChanged(){this._schedule(this._updateLayout)}_childLoaded(){}_childrenSizeChanged(e){if(this._layout?.measureChildren){for(let t of e)this._toBeMeasured.set(t.target,t.contentRect);this._measureChildren()}this._scheduleLayoutComplete(),this._itemsChanged=!1,this._rangeChanged=!1}};function Gi(e){let t=window.getComputedStyle(e);return{marginTop:Ki(t.marginTop),marginRight:Ki(t.marginRight),marginBottom:Ki(t.marginBottom),marginLeft:Ki(t.marginLeft)}}function Ki(e){let t=e?parseFloat(e):NaN;return Number.isNaN(t)?0:t}function qi(e){if(e.assignedSlot!==null)return e.assignedSlot;if(e.parentElement!==null)return e.parentElement;let t=e.parentNode;return t&&t.nodeType===Node.DOCUMENT_FRAGMENT_NODE&&t.host||null}function Ji(e,t=!1){let n=[],r=t?e:qi(e);for(;r!==null;)n.push(r),r=qi(r);return n}function Yi(e,t=!1){let n=!1;return Ji(e,t).filter(e=>{if(n)return!1;let t=getComputedStyle(e);return n=t.position===`fixed`,t.overflow!==`visible`})}var Xi=e=>e,Zi=(e,t)=>y`${t}: ${JSON.stringify(e,null,2)}`,Qi=lt(class extends bi{constructor(e){if(super(e),this._virtualizer=null,this._first=0,this._last=-1,this._renderItem=(e,t)=>Zi(e,t+this._first),this._keyFunction=(e,t)=>Xi(e,t+this._first),this._items=[],e.type!==ct.CHILD)throw Error(`The virtualize directive can only be used in child expressions`)}render(e){e&&this._setFunctions(e);let t=[];if(this._first>=0&&this._last>=this._first)for(let e=this._first;e<=this._last;e++)t.push(this._items[e]);return k(t,this._keyFunction,this._renderItem)}update(e,[t]){this._setFunctions(t);let n=this._items!==t.items;return this._items=t.items||[],this._virtualizer?this._updateVirtualizerConfig(e,t):this._initialize(e,t),n?b:this.render()}async _updateVirtualizerConfig(e,t){if(!await this._virtualizer.updateLayoutConfig(t.layout||{})){let n=e.parentNode;this._makeVirtualizer(n,t)}this._virtualizer.items=this._items}_setFunctions(e){let{renderItem:t,keyFunction:n}=e;t&&(this._renderItem=(e,n)=>t(e,n+this._first)),n&&(this._keyFunction=(e,t)=>n(e,t+this._first))}_makeVirtualizer(e,t){this._virtualizer&&this._virtualizer.disconnected();let{layout:n,scroller:r,items:i}=t;this._virtualizer=new Wi({hostElement:e,layout:n,scroller:r}),this._virtualizer.items=i,this._virtualizer.connected()}_initialize(e,t){let n=e.parentNode;n&&n.nodeType===1&&(n.addEventListener(`rangeChanged`,e=>{this._first=e.first,this._last=e.last,this.setValue(this.render())}),this._makeVirtualizer(n,t))}disconnected(){this._virtualizer?.disconnected()}reconnected(){this._virtualizer?.connected()}}),$i={},ea=lt(class extends ut{constructor(){super(...arguments),this.ot=$i}render(e,t){return t()}update(e,[t,n]){if(Array.isArray(t)){if(Array.isArray(this.ot)&&this.ot.length===t.length&&t.every((e,t)=>e===this.ot[t]))return b}else if(this.ot===t)return b;return this.ot=Array.isArray(t)?Array.from(t):t,this.render(t,n)}}),ta={added:[`Added`,nn],completed:[`Completed`,Et],removed:[`Removed`,Jt],errored:[`Error`,A]},na={moved:`Moved`,filed:`Filed`,deleted:`Deleted`,failed:`Filing failed`,scanned:`Library scanned`};function ra(e){if(typeof e.name==`string`&&e.name)return e.name;for(let t of[`moved`,`paths`]){let n=e[t];if(Array.isArray(n)&&n.length)return n.map(String).join(`, `)}return``}D(`pandora-panel-history`,class extends w{static get properties(){return{api:{attribute:!1},showInstance:{type:Boolean},_data:{state:!0},_error:{state:!0},_loading:{state:!0}}}constructor(){super(),this.requestId=0,this.showInstance=!1,this._data=null,this._error=null,this._loading=!1}willUpdate(e){e.has(`api`)&&this.api&&this.refresh()}async refresh(){let e=++this.requestId;this._loading=!0;try{let t=await this.api.history(50);if(e!==this.requestId)return;this._data=t,this._error=null}catch(t){e===this.requestId&&(this._error=t)}finally{e===this.requestId&&(this._loading=!1)}}render(){return y`<section aria-labelledby="history-title">
      <div class="head">
        <h2 id="history-title">${I(Ht)} History</h2>
        <button
          class="icon-btn"
          aria-label="Refresh history"
          ?disabled=${this._loading}
          @click=${()=>void this.refresh()}
        >
          ${I(F)}
        </button>
      </div>
      ${this.renderBody()}
    </section>`}renderBody(){if(this._error&&!this._data)return H(`Could not load the history`,this._error,()=>void this.refresh());let e=this._data;return e?!e.events.length&&!e.files.length?y`<p class="muted empty">Nothing has happened yet.</p>`:y`
      ${e.events.length?y`<ul class="events">
            ${e.events.map(e=>this.renderEvent(e))}
          </ul>`:x}
      ${e.files.length?y`<details>
            <summary>File activity (${e.files.length})</summary>
            <ul class="events">
              ${e.files.map(e=>this.renderFile(e))}
            </ul>
          </details>`:x}
    `:y`<ul class="events" aria-busy="true" aria-label="Loading history">
        ${[0,1,2].map(()=>y`<li class="skeleton event-skeleton"></li>`)}
      </ul>`}renderEvent(e){let[t,n]=ta[e.event]??[e.event,`M13.5,8H12V13L16.28,15.54L17,14.33L13.5,12.25V8M13,3A9,9 0 0,0 4,12H1L4.96,16.03L9,12H6A7,7 0 0,1 13,5A7,7 0 0,1 20,12A7,7 0 0,1 13,19C11.07,19 9.32,18.21 8.06,16.94L6.64,18.36C8.27,20 10.5,21 13,21A9,9 0 0,0 22,12A9,9 0 0,0 13,3`],r=this.api.language;return y`<li class="event event-${e.event}">
      <span class="event-icon">${I(n)}</span>
      <div class="event-body">
        <p class="event-name">${e.name}</p>
        <p class="muted">
          <span class="label">${t}</span>
          · <time datetime=${e.time} title=${V(e.time,r)}
            >${B(e.time,r)}</time
          >
          ${e.size?y` · ${z(e.size,r)}`:x}
          ${this.showInstance&&e.instance?y` · ${e.instance}`:x}
        </p>
      </div>
    </li>`}renderFile(e){let t=this.api.language,n=ra(e);return y`<li class="event event-${e.action}">
      <span class="event-icon">${I(e.action===`failed`?A:Bt)}</span>
      <div class="event-body">
        <p class="event-name">${n||(na[e.action]??e.action)}</p>
        <p class="muted">
          <span class="label">${na[e.action]??e.action}</span>
          · <time datetime=${e.time} title=${V(e.time,t)}
            >${B(e.time,t)}</time
          >
          ${typeof e.destination==`string`?y` · to ${e.destination}`:x}
          ${typeof e.error==`string`?y` · ${e.error}`:x}
        </p>
      </div>
    </li>`}static{this.styles=[...L,l`
      :host {
        display: block;
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        margin-bottom: 8px;
      }
      h2 {
        display: flex;
        align-items: center;
        gap: 8px;
        font-size: 1.1rem;
        font-weight: 600;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .events {
        display: flex;
        flex-direction: column;
        border: 1px solid var(--_divider);
        border-radius: var(--_radius);
        background: var(--_surface);
        overflow: hidden;
      }
      .event {
        display: flex;
        gap: 12px;
        align-items: flex-start;
        padding: 10px 14px;
        border-top: 1px solid var(--_divider);
      }
      .event:first-child {
        border-top: none;
      }
      .event-icon {
        color: var(--_text-2);
        padding-top: 2px;
      }
      .event-completed .event-icon {
        color: var(--_success);
      }
      .event-errored .event-icon,
      .event-failed .event-icon {
        color: var(--_error);
      }
      .event-body {
        min-width: 0;
      }
      .event-name {
        font-size: 0.9rem;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--_text-2);
        font-size: 0.8rem;
        margin-top: 2px;
      }
      .label {
        color: var(--_text);
      }
      .empty {
        padding: 12px 0;
      }
      .event-skeleton {
        height: 56px;
        border-radius: 0;
        border-top: 1px solid var(--_divider);
      }
      details {
        margin-top: 12px;
      }
      summary {
        display: flex;
        align-items: center;
        min-height: 44px;
        cursor: pointer;
        font-weight: 500;
        color: var(--_accent-text);
      }
      summary::before {
        content: "▸";
        margin-right: 8px;
        transition: transform 120ms ease;
      }
      details[open] summary::before {
        transform: rotate(90deg);
      }
      summary::-webkit-details-marker {
        display: none;
      }
    `]}});var ia=[[`all`,`All`],[`downloading`,`Downloading`],[`seeding`,`Seeding`],[`paused`,`Paused`],[`completed`,`Completed`],[`errored`,`Errored`]],aa=[[`added`,`Recently added`],[`progress`,`Progress`],[`name`,`Name`]],oa=new Intl.Collator(void 0,{numeric:!0});function sa(e,t){return e.instance===t.instance?e.hash<t.hash?-1:+(e.hash>t.hash):e.instance<t.instance?-1:1}function ca(e){switch(e){case`name`:return(e,t)=>oa.compare(e.name,t.name)||sa(e,t);case`progress`:return(e,t)=>t.progress-e.progress||oa.compare(e.name,t.name)||sa(e,t);default:return(e,t)=>(t.added??0)-(e.added??0)||oa.compare(e.name,t.name)||sa(e,t)}}function Z(e){return e.progress>=1}function la(e,t){switch(t){case`all`:return!0;case`completed`:return Z(e);default:return e.status===t}}var ua={downloading:`Downloading`,seeding:`Seeding`,paused:`Paused`,errored:`Error`,checking:`Checking`,queued:`Queued`,other:`Other`};function da(e){return e.status===`paused`&&Z(e)?`Completed`:e.status===`downloading`&&e.state.startsWith(`stalled`)?`Stalled`:e.status===`downloading`&&e.state.toLowerCase().includes(`meta`)?`Fetching metadata`:ua[e.status]??e.status}var fa={vpn:{label:`Held: VPN down`,reason:`Paused by the VPN guard: resumes when the VPN is healthy again.`},disk:{label:`Held: low disk space`,reason:`Paused by the disk guard: resumes when enough free space returns.`},goal:{label:`Seeding goal reached`,reason:`Paused because its seeding goal (ratio or time) was met.`}},pa={vpn_down:`the VPN is down`,vpn_leak:`the public IP is outside the selected VPN country`};function ma(e,t,n){let r=[],i=e=>`${e} torrent${e===1?` is`:`s are`} paused`,a=t?.vpn;if(a){let t=a.since?` since ${V(a.since,n)}`:``,o=pa[a.cause??``]??`the VPN is not healthy`;r.push(`The VPN guard holds ${e}${t}: ${o} (${a.by??`gluetun`}). ${i(a.torrents??0)} and resume when the VPN is healthy again.`)}let o=t?.disk;if(o){let t=o.since?` since ${V(o.since,n)}`:``,a=o.torrents?` ${i(o.torrents)} and resume then.`:``;r.push(`${e} is short of disk space${t}: ${z(o.free??0,n)} free, Pandora keeps ${z(o.minimum??0,n)}. No download starts there and requests wait until space returns.${a} Settings → Repairs offers what to do.`)}let s=t?.goal;return s?.torrents&&r.push(`${s.torrents} torrent${s.torrents===1?``:`s`} on ${e} met ${s.torrents===1?`its`:`their`} seeding goal and ${s.torrents===1?`is`:`are`} paused. Resume one to keep it seeding; Pandora will not pause it again.`),r}function ha(e,t){let n=Math.min(100,Math.max(0,e.progress*100)),r=Math.round(e.size*Math.min(1,e.progress)),i=e.status===`downloading`;return{percent:n,valueNow:Math.floor(n*10)/10,percentText:Dn(e.progress,t),sizeText:Z(e)?z(e.size,t):`${z(r,t)} of ${z(e.size,t)}`,downloadSpeed:i||e.download_speed>0,uploadSpeed:e.upload_speed>0||e.status===`seeding`,eta:i&&e.download_speed>0}}var ga=new Set(ia.map(([e])=>e).filter(e=>e!==`all`&&e!==`completed`));function _a(){return Object.fromEntries(ia.map(([e])=>[e,0]))}var va=class{constructor(){this.filter=`all`,this.sort=`added`,this.query=``,this.shown=[],this.counts=_a(),this.total=0,this.down=0,this.up=0,this.ordered=[],this.perInstance=new Map,this.compare=ca(`added`)}reset(e){this.ordered=[...e].sort(this.compare),this.counts=_a(),this.perInstance.clear(),this.down=this.up=0;for(let e of this.ordered)this.count(e,1);this.total=this.ordered.length,this.derive()}choose(e){let t=e.query?.trim().toLowerCase()??this.query,n=e.filter??this.filter,r=e.sort??this.sort;return n===this.filter&&r===this.sort&&t===this.query?!1:(r!==this.sort&&(this.sort=r,this.compare=ca(r),this.ordered=[...this.ordered].sort(this.compare)),this.filter=n,this.query=t,this.derive(),!0)}apply(e){if(!e.length)return;let t=[...this.ordered];for(let{before:n,after:r}of e){if(n){this.count(n,-1);let e=this.indexOf(t,n);e>=0&&t.splice(e,1)}r&&(this.count(r,1),t.splice(this.insertionPoint(t,r),0,r))}this.ordered=t,this.total=t.length,this.derive()}count(e,t){let n=this.counts;n.all+=t,Z(e)&&(n.completed+=t),ga.has(e.status)&&(n[e.status]+=t),this.down+=t*e.download_speed,this.up+=t*e.upload_speed;let r=(this.perInstance.get(e.instance)??0)+t;r?this.perInstance.set(e.instance,r):this.perInstance.delete(e.instance)}get instances(){return this.perInstance.size}insertionPoint(e,t){let n=0,r=e.length;for(;n<r;){let i=n+r>>>1;this.compare(e[i],t)<0?n=i+1:r=i}return n}indexOf(e,t){let n=this.insertionPoint(e,t);return e[n]===t?n:e.indexOf(t)}derive(){let{filter:e,query:t}=this;this.shown=e===`all`&&!t?this.ordered:this.ordered.filter(n=>la(n,e)&&(!t||n.name.toLowerCase().includes(t)))}};function ya(e,t){let{language:n}=t,r=ha(e,n),i=e.status===`paused`;return y`<li class="torrent status-${e.status}" data-hash=${e.hash}>
    <div class="torrent-top">
      <span class="status-chip"><span class="dot"></span>${da(e)}</span>
      ${e.held?y`<span class="held-chip held-${e.held}" title=${fa[e.held].reason}
            >${fa[e.held].label}</span
          >`:x}
      ${t.showInstance?y`<span class="instance" title="qBittorrent">${e.instance_title}</span>`:x}
      ${t.admin?y`<span class="actions">
            ${i?y`<button
                  class="icon-btn"
                  aria-label="Resume ${e.name}"
                  title="Resume"
                  ?disabled=${t.busy}
                  @click=${()=>t.onResume(e)}
                >
                  ${I(en)}
                </button>`:y`<button
                  class="icon-btn"
                  aria-label="Pause ${e.name}"
                  title="Pause"
                  ?disabled=${t.busy}
                  @click=${()=>t.onPause(e)}
                >
                  ${I($t)}
                </button>`}
            <button
              class="icon-btn"
              aria-label="Remove ${e.name}"
              title="Remove"
              ?disabled=${t.busy}
              @click=${()=>t.onRemove(e)}
            >
              ${I(Nt)}
            </button>
          </span>`:x}
    </div>
    <h3 class="name">${e.name}</h3>
    <div
      class="bar"
      role="progressbar"
      aria-label="Progress of ${e.name}"
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${r.valueNow}
      aria-valuetext=${r.percentText}
    >
      <div class="fill" style="width: ${r.percent}%"></div>
    </div>
    <p class="details">
      <span class="percent">${r.percentText}</span>
      <span>${r.sizeText}</span>
      ${r.downloadSpeed?y`<span class="speed"
            >${I(xt)}<span class="visually-hidden">Download speed</span
            >${En(e.download_speed,n)}</span
          >`:x}
      ${r.uploadSpeed?y`<span class="speed"
            >${I(St)}<span class="visually-hidden">Upload speed</span
            >${En(e.upload_speed,n)}</span
          >`:x}
      ${r.eta?y`<span class="eta">ETA ${On(e.eta)}</span>`:x}
    </p>
  </li>`}function ba(){return y`<li class="torrent" aria-hidden="true">
    <div class="skeleton" style="height: 22px; width: 96px"></div>
    <div class="skeleton" style="height: 18px; width: 80%"></div>
    <div class="skeleton" style="height: 8px"></div>
  </li>`}var xa=l`
  .torrent {
    --_state: var(--_text-2);
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px 14px;
    background: var(--_surface);
    border: 1px solid var(--_divider);
    border-radius: var(--_radius);
  }
  .status-downloading {
    --_state: var(--_primary);
  }
  .status-seeding {
    --_state: var(--_success);
  }
  .status-errored {
    --_state: var(--_error);
  }
  .status-checking,
  .status-queued {
    --_state: var(--_warning);
  }
  .torrent-top {
    display: flex;
    align-items: center;
    gap: 8px;
    min-height: 28px;
  }
  .status-chip {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 12px;
    border: 1px solid var(--_state);
    background: color-mix(in srgb, var(--_state) 12%, var(--_surface));
    color: var(--_text);
    font-size: 0.78rem;
    font-weight: 500;
  }
  .status-chip .dot {
    background: var(--_state);
  }
  .held-chip {
    padding: 2px 10px;
    border-radius: 12px;
    border: 1px dashed var(--warning-color, #ff9800);
    color: var(--_text);
    font-size: 0.78rem;
  }
  .held-goal {
    border-color: var(--success-color, #4caf50);
  }
  .instance {
    font-size: 0.78rem;
    color: var(--_text-2);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .actions {
    margin-left: auto;
    display: flex;
    gap: 2px;
    margin-top: -8px;
    margin-bottom: -8px;
  }
  .name {
    font-size: 0.95rem;
    font-weight: 500;
    line-height: 1.35;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .bar {
    height: 8px;
    border-radius: 4px;
    background: var(--_surface-alt);
    overflow: hidden;
  }
  .fill {
    height: 100%;
    border-radius: 4px;
    background: var(--_state);
    transition: width 400ms ease;
  }
  .details {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 14px;
    font-size: 0.82rem;
    color: var(--_text-2);
  }
  .percent {
    color: var(--_text);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  /*
   * Speeds change with every poll: tabular digits and room for the widest one ("99.9 MB/s"),
   * so what follows them (the upload speed, the Sort control in the header) never moves.
   */
  .speed {
    display: inline-flex;
    align-items: center;
    font-variant-numeric: tabular-nums;
    min-width: calc(18px + 10ch);
  }
  .speed .icon {
    width: 16px;
    height: 16px;
  }
`,Sa=[...L,R,xa,hn,l`
    :host {
      display: block;
      padding: 16px 16px 32px;
      max-width: 960px;
      margin: 0 auto;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .banner {
      margin-bottom: 12px;
    }
    .toolbar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      flex-wrap: wrap;
      gap: 8px 16px;
      margin-bottom: 8px;
    }
    .summary {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 4px 14px;
      color: var(--_text-2);
      font-size: 0.9rem;
      font-variant-numeric: tabular-nums;
    }
    .summary .speed {
      color: var(--_text);
    }
    .summary .icon {
      width: 18px;
      height: 18px;
    }
    .sort {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-size: 0.9rem;
      color: var(--_text-2);
    }
    select {
      min-height: 44px;
      padding: 0 10px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .filters {
      flex-wrap: nowrap;
      overflow-x: auto;
      padding: 4px 2px 10px;
      margin: 0 -2px 4px;
      scrollbar-width: none;
    }
    .torrents {
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    /* The virtualizer places each row itself (absolutely): full width, spaced by a margin. */
    .torrents.virtual {
      display: block;
    }
    .torrents.virtual > li {
      width: 100%;
      box-sizing: border-box;
      margin-bottom: 10px;
    }
    .search {
      display: block;
      margin-bottom: 12px;
    }
    .search input {
      width: 100%;
      box-sizing: border-box;
      min-height: 44px;
      padding: 0 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
    }
    .muted {
      color: var(--_text-2);
    }
    .none {
      padding: 24px 0;
      text-align: center;
    }
    .history {
      margin-top: 28px;
    }
    @media (min-width: 600px) {
      :host {
        padding: 24px 24px 40px;
      }
    }
  `],Ca=1500;D(`pandora-panel-downloads`,class extends q{static get properties(){return{filter:{attribute:!1},sort:{attribute:!1},_state:{state:!0},_error:{state:!0},_filter:{state:!0},_sort:{state:!0},_query:{state:!0},_busy:{state:!0},_confirm:{state:!0},_deleteFiles:{state:!0}}}constructor(){super(),this.subscription=null,this.list=new va,this.onPause=e=>void this.act(e,`pause`),this.onResume=e=>void this.act(e,`resume`),this.onRemove=e=>this.askRemove(e),this.info=null,this.admin=!1,this.narrow=!1,this.filter=null,this.sort=null,this._state=rt(),this._error=null,this._filter=`all`,this._sort=`added`,this._query=``,this._busy=new Set,this._confirm=null,this._deleteFiles=!1}get qbittorrents(){return this.info?.services.qbittorrent??[]}connectedCallback(){super.connectedCallback(),this.subscribe()}disconnectedCallback(){super.disconnectedCallback(),this.unsubscribe(),clearTimeout(this.historyTimer)}willUpdate(e){e.has(`filter`)&&(this._filter=ia.find(([e])=>e===this.filter)?.[0]??`all`),e.has(`sort`)&&(this._sort=aa.find(([e])=>e===this.sort)?.[0]??`added`),this.list.choose({filter:this._filter,sort:this._sort,query:this._query})}updated(e){(e.has(`info`)||e.has(`api`))&&this.subscribe()}choose(e){e.filter&&(this._filter=e.filter),e.sort&&(this._sort=e.sort);let t=this._filter===`all`?void 0:this._filter,n=this._sort===`added`?void 0:this._sort;G(this,{view:{filter:t,sort:n},replace:!0})}subscribe(){if(!this.subscription&&this.isConnected&&this.api?.hass&&this.qbittorrents.length){this._error=null;try{this.subscription=this.api.subscribeTorrents((e,t)=>this.onEvent(e,t),e=>{this._error=e,this.subscription=null})}catch(e){this._error=e}}}unsubscribe(){this.subscription?.close(),this.subscription=null}retry(){this.unsubscribe(),this._state=rt(),this.list.reset([]),this.subscribe()}onEvent(e,t){this._state=e,this._error=null,t===null?this.list.reset(e.torrents.values()):(this.list.apply(t),t.some(({before:e,after:t})=>!e||!t||Z(t)&&!Z(e))&&(clearTimeout(this.historyTimer),this.historyTimer=setTimeout(()=>{this.renderRoot.querySelector(`pandora-panel-history`)?.refresh()},Ca))),this.requestUpdate()}async act(e,t,n=!1){let r=E(e);this._busy=new Set([...this._busy,r]);try{await this.api.torrentAction({action:t,hashes:[e.hash],instance:e.instance,...t===`remove`?{delete_files:n}:{}}),t===`remove`&&K(this,{kind:`success`,message:n?`Removed ${e.name} and its files`:`Removed ${e.name}`})}catch(n){K(this,{kind:`error`,message:`Could not ${t} ${e.name}: ${T(n)}`})}finally{let e=new Set(this._busy);e.delete(r),this._busy=e}}askRemove(e){this._deleteFiles=!1,this._confirm=e}confirmRemove(){let e=this._confirm;this._confirm=null,e&&this.act(e,`remove`,this._deleteFiles)}render(){return this.info&&!this.qbittorrents.length?y`${W({iconPath:fn,title:`Add qBittorrent to see your downloads`,why:`Downloads lists every torrent of your qBittorrent servers live, with their progress, and lets administrators pause, resume or remove them.`,service:`qBittorrent`,admin:this.admin})}
        <div class="history"><pandora-panel-history .api=${this.api}></pandora-panel-history></div>`:y`
      ${this.renderList()}
      <div class="history">
        <pandora-panel-history .api=${this.api} ?showInstance=${this.showInstance}></pandora-panel-history>
      </div>
      ${this._confirm?this.renderConfirm(this._confirm):x}
    `}get showInstance(){return this.qbittorrents.length>1||this.list.instances>1}renderList(){if(this._error)return H(`Could not load the torrents`,this._error,()=>this.retry());let e=this._state;if(!e.loaded)return y`<ul class="torrents" aria-busy="true" aria-label="Loading torrents">
        ${[0,1,2].map(ba)}
      </ul>`;let t=this.list,{counts:n,shown:r}=t,i=this.api.language,a=this.showInstance,o=e=>{let t=this._busy.has(E(e));return y`${ea([e,t,this.admin,a,i],()=>ya(e,{admin:this.admin,showInstance:a,busy:t,language:i,onPause:this.onPause,onResume:this.onResume,onRemove:this.onRemove}))}`};return y`
      ${e.unavailable.map(e=>{let t=this.qbittorrents.find(t=>t.id===e)?.title??e;return y`<p class="banner" role="status">
          ${I(A)}
          <span>${t} is not answering; its torrents may be out of date.</span>
        </p>`})}
      ${Object.entries(e.notices).flatMap(([t,n])=>ma(this.qbittorrents.find(e=>e.id===t)?.title??e.instances[t]??t,n,i).map(e=>y`<p class="banner held" role="status">${I(on)}<span>${e}</span></p>`))}
      <div class="toolbar">
        <p class="summary">
          <span>${t.total} torrent${t.total===1?``:`s`}</span>
          <span class="speed"
            >${I(xt)}<span class="visually-hidden">Total download speed</span
            >${En(t.down,i)}</span
          >
          <span class="speed"
            >${I(St)}<span class="visually-hidden">Total upload speed</span
            >${En(t.up,i)}</span
          >
        </p>
        <label class="sort">
          <span>Sort</span>
          <select
            .value=${this._sort}
            @change=${e=>this.choose({sort:e.target.value})}
          >
            ${aa.map(([e,t])=>y`<option value=${e} ?selected=${e===this._sort}>${t}</option>`)}
          </select>
        </label>
      </div>
      <div class="filters chips" role="group" aria-label="Filter torrents">
        ${ia.map(([e,t])=>y`<button
            class="filter"
            aria-pressed=${this._filter===e?`true`:`false`}
            data-filter=${e}
            @click=${()=>this.choose({filter:e})}
          >
            ${t} <span class="count">${n[e]}</span>
          </button>`)}
      </div>
      <label class="search">
        <span class="visually-hidden">Search torrents</span>
        <input
          type="search"
          placeholder="Search torrents"
          .value=${this._query}
          @input=${e=>this._query=e.target.value}
        />
      </label>
      ${r.length>60?y`<ul class="torrents virtual" aria-label="Torrents">
            ${Qi({items:r,keyFunction:E,renderItem:o})}
          </ul>`:r.length?y`<ul class="torrents" aria-label="Torrents">${k(r,E,o)}</ul>`:t.total?y`<p class="muted none">
                ${t.query?`No torrents match this search.`:`No torrents match this filter.`}
              </p>`:U(fn,`No torrents yet`,`Find a movie or a show in Discover and download it, or add torrents in qBittorrent.`,y`<button class="btn" @click=${()=>G(this,{tab:`discover`})}>
                ${I(Mt)} Go to Discover
              </button>`)}
    `}renderConfirm(e){return y`<pandora-confirm
      .narrow=${this.narrow}
      label="Remove torrent"
      heading="Remove this torrent?"
      subject=${e.name}
      confirm-label=${this._deleteFiles?`Remove and delete files`:`Remove`}
      danger
      @confirm=${this.confirmRemove}
      @cancel=${()=>this._confirm=null}
    >
      <label class="check">
        <input
          type="checkbox"
          .checked=${this._deleteFiles}
          @change=${e=>this._deleteFiles=e.target.checked}
        />
        <span>Also delete the downloaded files</span>
      </label>
    </pandora-confirm>`}static{this.styles=Sa}});var wa=Object.freeze({downloads:`/Downloads`,downloaded:`/Downloaded`,movies:`/Movies`,tv:`/TV Shows`}),Ta=[`downloads`,`downloaded`,`movies`,`tv`];function Ea(e){let t=e?.folders??{},n={...wa};for(let e of Ta){let r=t[e];typeof r==`string`&&r.trim()&&(n[e]=Q(r.trim()))}return n}function Da(e,t){return Q(e).split(`/`).filter(Boolean).pop()??t}function Oa(e,t){return Q(e).toLowerCase()===Q(t).toLowerCase()}function ka(e=wa){let t=[{path:e.downloads,label:Da(e.downloads,`Downloads`),description:`In progress`,icon:zt},{path:e.downloaded,label:Da(e.downloaded,`Downloaded`),description:`Finished, ready to file`,icon:Rt}];return t.filter((e,n)=>t.findIndex(t=>Oa(t.path,e.path))===n)}var Aa=ka(wa);function ja(e,t=Aa){return t.find(t=>Oa(t.path,e))}function Q(e){return`/${e.split(`/`).filter(e=>e&&e!==`.`).join(`/`)}`}function Ma(e,t){let n=[{name:t,path:`/`}],r=``;for(let t of Q(e).split(`/`).filter(Boolean))r+=`/${t}`,n.push({name:t,path:r});return n}function Na(e,t=Aa){let n=e=>e.type===`directory`?+!ja(e.path,t):2;return[...e].sort((e,t)=>n(e)-n(t)||e.name.localeCompare(t.name,void 0,{numeric:!0}))}var Pa=/\.(mkv|mp4|m4v|avi|mov|wmv|ts|m2ts|webm|mpg|mpeg)$/i,Fa=/\.[A-Za-z0-9]{2,4}$/,Ia=/^(.+?)\s+[[(]?(?:S\d{1,2}(?:\s?E\d{1,3})?|\d{1,2}x\d{2}|Season\s\d+|Complete)\b/i,La=/^(.+?)\s+[[(]?((?:19|20)\d{2})[\])]?(?=\s|$)/,Ra=/^(.+?)\s+[[(]?(?:2160p|1080p|720p|576p|480p|4K|UHD|WEB[\s-]?DL|WEBRip|WEB|BluRay|BDRip|BRRip|HDTV|DVDRip|REMUX|x26[45]|H\s?26[45]|HEVC)\b/i;function za(e,t=!0){let n=t?e.replace(Fa,``):e;(!/\s/.test(n)||/[._]\S+[._]/.test(n))&&(n=n.replace(/[._]+/g,` `)),n=n.replace(/\s+/g,` `).trim();let r=La.exec(n),i=Ia.exec(n),a;return a=r&&(!i||r[1].length<=i[1].length)?`${Ba(r[1])} (${r[2]})`:Ba(i?i[1]:Ra.exec(n)?.[1]??n),a=a.replace(/[/\\\x00-\x1f]/g,` `).replace(/\s+/g,` `).trim().slice(0,200),a===`.`||a===`..`?``:a}function Ba(e){return e.replace(/[\s\-–[(]+$/,``).trim()}function Va(e){let t=e.trim();return t?/[/\\]/.test(t)?`A folder name cannot contain / or \\.`:/[\x00-\x1f]/.test(t)?`A folder name cannot contain control characters.`:t===`.`||t===`..`?`Choose another folder name.`:t.length>200?`A folder name can have at most 200 characters.`:null:null}function Ha(e,t=Aa){return e.type===`directory`?ja(e.path,t)?.icon??`M20,18H4V8H20M20,6H12L10,4H4C2.89,4 2,4.89 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V8C22,6.89 21.1,6 20,6Z`:Pa.test(e.name)?Lt:It}function Ua(e=wa){return{movies:{label:Da(e.movies,`Movies`),folder:e.movies,icon:Xt},tv:{label:Da(e.tv,`TV Shows`),folder:e.tv,icon:un}}}function Wa(e,t=wa){let n=Oa(e,t.downloads),r=Oa(e,t.downloaded),{movies:i,tv:a}=Ua(t),o=`ready to move into ${i.label} or ${a.label}`;return n&&r?`Torrents appear here while they download and stay once finished, ${o}.`:n?`Torrents being downloaded appear here.`:r?`Finished downloads land here, ${o}.`:`Nothing is in this folder yet.`}function Ga(e){let t=e.moved.length,n=t===1?e.moved[0].split(`/`).pop()??`1 item`:`${t} items`,r=e.scanned?.length?`; scanning ${e.scanned.join(`, `)}`:``;return`Moved ${n} to ${e.destination}${r}.`}function Ka(e){return`Delete ${e===1?`1 item`:`${e} items`}?`}function qa(e){return`Deleted ${e.length===1?e[0].name:`${e.length} items`}.`}function Ja(e,t){let n=e.type===`file`&&e.size!=null?z(e.size,t):null,r=B(e.modified,t);return y`<span class="file-meta">
    ${e.type===`directory`?y`<span>Folder</span>`:x}
    ${n?y`<span class="size">${n}</span>`:x}
    ${r?y`<time datetime=${e.modified??``} title=${V(e.modified,t)}
          >${r}</time
        >`:x}
  </span>`}function Ya(e,t){let n=e.type===`directory`,r=t.pinned??Aa,i=n?ja(e.path,r):void 0,a=n&&t.onOpen?y`<button class="file-name open" @click=${()=>t.onOpen(e)}>${e.name}</button>`:y`<span class="file-name">${e.name}</span>`;return y`<li
    class="file ${n?`folder`:``} ${i?`pinned`:``} ${t.selected?`selected`:``}"
    data-path=${e.path}
  >
    ${t.selectable?y`<label class="file-select">
          <input
            type="checkbox"
            aria-label="Select ${e.name}"
            .checked=${!!t.selected}
            @click=${n=>t.onToggle?.(e,n)}
          />
        </label>`:x}
    <span class="file-icon">${I(Ha(e,r))}</span>
    <div class="file-main">
      ${a}
      ${Ja(e,t.language)}
    </div>
    ${i?y`<span class="chip pin">${i.description}</span>`:x}
  </li>`}function Xa(){return y`<li class="file" aria-hidden="true">
    <span class="skeleton" style="width: 24px; height: 24px"></span>
    <div class="file-main">
      <span class="skeleton" style="height: 16px; width: 60%"></span>
      <span class="skeleton" style="height: 12px; width: 30%; margin-top: 6px"></span>
    </div>
  </li>`}var Za=l`
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .file {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 56px;
    padding: 4px 12px;
    border-bottom: 1px solid var(--_divider);
  }
  .file:last-child {
    border-bottom: none;
  }
  .file.pinned {
    background: var(--_tint);
  }
  .file.selected {
    background: var(--_tint-strong);
  }
  .file-select {
    display: grid;
    place-items: center;
    width: 44px;
    height: 44px;
    margin: 0 -6px 0 -10px;
    cursor: pointer;
    flex: none;
  }
  .file-select input {
    width: 20px;
    height: 20px;
    margin: 0;
    accent-color: var(--_primary);
    cursor: pointer;
  }
  .file-icon {
    display: inline-flex;
    color: var(--_text-2);
  }
  .folder .file-icon,
  .pinned .file-icon {
    color: var(--_accent-text);
  }
  .file-main {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 2px;
  }
  .file-name {
    font-size: 0.95rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
    text-align: left;
  }
  button.file-name {
    align-self: stretch;
    min-height: 44px;
    margin: -8px 0 -6px;
    padding: 0;
    border: none;
    background: none;
    font-weight: 500;
    cursor: pointer;
  }
  button.file-name:hover {
    text-decoration: underline;
  }
  .file-meta {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 10px;
    font-size: 0.8rem;
    color: var(--_text-2);
    font-variant-numeric: tabular-nums;
  }
  .pin {
    flex: none;
    border-color: var(--_primary);
    background: var(--_surface);
  }
  @media (max-width: 420px) {
    .pin {
      display: none;
    }
  }
`;function Qa(e,t,n){let r=Ma(e,t);return y`<nav class="crumbs" aria-label="Folder path">
    <ol>
      ${r.map((e,t)=>{let i=t===r.length-1,a=`${t===0?`root`:e.name.length<=16?`short`:`long`}${i?` current`:``}`,o=y`${t===0?I(Ut):x}<span class="crumb-name"
            >${e.name}</span
          >`;return y`<li class=${a}>
          ${t?y`<span class="sep" aria-hidden="true">${I(kt)}</span>`:x}
          ${i?y`<span class="crumb current" aria-current="location" title=${e.name}>${o}</span>`:y`<button class="crumb" title=${e.name} @click=${()=>n(e.path)}>
                ${o}
              </button>`}
        </li>`})}
    </ol>
  </nav>`}function $a(e,t){if(!e)return x;let n=Ua(t.folders);return y`<div class="actions" role="group" aria-label="Selected files">
    <div class="actions-head">
      <span class="selected-count">${e} selected</span>
      <button class="icon-btn" aria-label="Clear the selection" title="Clear the selection" @click=${t.clearSelection}>
        ${I(M)}
      </button>
    </div>
    <div class="actions-buttons">
      ${Object.keys(n).map(e=>y`<button class="btn primary" @click=${()=>t.startMove(e)}>
          ${I(n[e].icon)}<span>Move to ${n[e].label}</span>
        </button>`)}
      <button class="btn danger" @click=${t.startDelete}>${I(Nt)}<span>Delete</span></button>
    </div>
  </div>`}function eo(e,t){let n=Ua(t.folders)[e.destination],r=Va(e.folder),i=e.entries.slice(0,5),a=e.entries.length-i.length,o=t.updateMove;return y`<pandora-panel-sheet
    .narrow=${t.narrow}
    label="Move to ${n.label}"
    @close=${()=>!e.busy&&t.closeMove()}
  >
    <form class="move" @submit=${t.submitMove}>
      <h2>Move to ${n.label}</h2>
      <ul class="move-list plain" aria-label="Moving">
        ${i.map(e=>y`<li>${e.name}</li>`)}
        ${a>0?y`<li class="muted">and ${a} more</li>`:x}
      </ul>
      <label class="field">
        <span>Folder name (optional)</span>
        <input
          type="text"
          name="folder"
          autocomplete="off"
          .value=${e.folder}
          aria-invalid=${r?`true`:`false`}
          aria-describedby="folder-hint"
          ?disabled=${e.busy}
          @input=${e=>o({folder:e.target.value})}
        />
        <span id="folder-hint" class=${r?`invalid`:`hint`}
          >${r??`Created inside the ${n.folder} folder, such as “Title (Year)”. Leave it empty to move the items as they are.`}</span
        >
      </label>
      <pandora-switch
        label="Scan the Jellyfin library afterwards"
        name="scan_after"
        .checked=${e.scanAfter}
        ?disabled=${e.busy}
        @change=${e=>o({scanAfter:e.target.checked})}
      ></pandora-switch>
      ${e.error?y`<p class="banner error" role="alert">
            ${I(A)}<span>Could not move: ${T(e.error)}</span>
          </p>`:x}
      <div class="move-actions">
        <button type="button" class="btn" ?disabled=${e.busy} @click=${t.closeMove}>
          Cancel
        </button>
        <button type="submit" class="btn primary" ?disabled=${e.busy||!!r}>
          ${e.busy?`Moving…`:`Move ${e.entries.length===1?`1 item`:`${e.entries.length} items`}`}
        </button>
      </div>
    </form>
  </pandora-panel-sheet>`}function to(e,t){let n=e.entries.length,r=e.entries.slice(0,5),i=n-r.length,a=e.entries.some(e=>e.type===`directory`);return y`<pandora-confirm
    .narrow=${t.narrow}
    label="Delete files"
    heading=${Ka(n)}
    subject=${n===1?e.entries[0].name:``}
    body="${a?`Folders are deleted with everything in them. `:``}${n===1?`It is`:`They are`} deleted from ${t.shareTitle} for good: this cannot be undone."
    confirm-label="Delete"
    busy-label="Deleting…"
    danger
    ?busy=${e.busy}
    @confirm=${t.confirmDelete}
    @cancel=${t.cancelDelete}
  >
    ${n===1?x:y`<ul slot="subject" class="confirm-name move-list plain" aria-label="Deleting">
          ${r.map(e=>y`<li>${e.name}</li>`)}
          ${i>0?y`<li class="muted">and ${i} more</li>`:x}
        </ul>`}
    ${e.error?y`<p class="banner error" role="alert">
          ${I(A)}<span>Could not delete: ${T(e.error)}</span>
        </p>`:x}
  </pandora-confirm>`}var no=[...L,R,mn,Za,l`
    :host {
      display: block;
      padding: 12px 12px 96px;
      max-width: 960px;
      margin: 0 auto;
    }
    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 10px 16px;
      margin-bottom: 8px;
    }
    .share select {
      min-width: 200px;
    }
    .pins {
      flex-wrap: nowrap;
      overflow-x: auto;
      padding: 2px;
    }
    .pin-btn {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      min-height: 44px;
      padding: 0 16px 0 12px;
      border-radius: 22px;
      border: 1px solid var(--_primary);
      background: var(--_tint);
      color: var(--_text);
      font-size: 0.9rem;
      font-weight: 500;
      cursor: pointer;
      white-space: nowrap;
    }
    .pin-btn:hover,
    .pin-btn[aria-current="true"] {
      background: var(--_tint-strong);
    }
    .pin-btn[aria-current="true"] {
      font-weight: 700;
    }
    .bar {
      display: flex;
      align-items: center;
      gap: 4px;
      margin: 4px 0;
      /* The crumbs follow the bar's width (the panel can be narrow beside the sidebar). */
      container: crumbs / inline-size;
    }
    .crumbs {
      flex: 1;
      min-width: 0;
      overflow-x: auto;
      scrollbar-width: none;
    }
    .crumbs ol {
      display: flex;
      align-items: center;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    /*
     * Who gives way when the path is too long: long names only, each in proportion to its
     * length (flex shrinking is weighted by size), so the longest is cut most, down to one
     * touch target each. The share's root and short names stay whole; a path still too long
     * scrolls, its end in view.
     */
    .crumbs li {
      display: flex;
      align-items: center;
      flex: none;
    }
    .crumbs li.long {
      flex: 0 1 auto;
      min-width: 62px; /* separator (18 px) and a 44 px button */
    }
    .sep {
      display: inline-flex;
      flex: none;
    }
    .sep .icon {
      width: 18px;
      height: 18px;
      color: var(--_text-2);
    }
    .crumb {
      position: relative;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
      flex: 0 1 auto;
      min-width: 44px;
      max-width: 100%;
      min-height: 44px;
      padding: 0 8px;
      border: none;
      border-radius: 8px;
      background: none;
      color: var(--_accent-text);
      font-size: 0.95rem;
      cursor: pointer;
      white-space: nowrap;
    }
    .crumb-name {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    button.crumb:hover {
      background: var(--_tint);
    }
    .crumb.current {
      justify-content: flex-start;
      color: var(--_text);
      font-weight: 600;
      cursor: default;
    }
    .crumb .icon {
      width: 20px;
      height: 20px;
    }
    /* Narrow: the share's root is its home icon; its title stays its name and tooltip. */
    li.root:not(.current) .crumb {
      padding: 0;
    }
    li.root:not(.current) .crumb-name {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    @container crumbs (min-width: 560px) {
      li.root:not(.current) .crumb {
        padding: 0 8px;
      }
      li.root:not(.current) .crumb-name {
        position: static;
        width: auto;
        height: auto;
        clip-path: none;
      }
    }
    .select-bar {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 0 12px;
      font-size: 0.9rem;
    }
    .count {
      font-size: 0.85rem;
      margin: 4px 0 8px;
    }
    .select-bar .count {
      margin: 0;
    }
    .files.surface {
      overflow: hidden;
    }
    li.more {
      display: flex;
      justify-content: center;
      padding: 8px;
      list-style: none;
    }
    .actions {
      position: sticky;
      bottom: calc(12px + env(safe-area-inset-bottom, 0px));
      z-index: 2;
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin-top: 12px;
      padding: 4px 8px 8px;
      border-radius: var(--_radius);
      border: 1px solid var(--_primary);
      background: var(--_surface);
      box-shadow: 0 6px 20px rgba(0, 0, 0, 0.25);
      container: actions / inline-size;
    }
    .actions-head {
      display: flex;
      align-items: center;
      gap: 8px;
      padding-left: 8px;
    }
    .selected-count {
      flex: 1;
      min-width: 0;
      font-weight: 600;
    }
    /* Narrow: equal columns, icon over a label that may wrap. */
    .actions-buttons {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(5rem, 1fr));
      gap: 8px;
    }
    .actions-buttons .btn {
      flex-direction: column;
      gap: 2px;
      min-width: 0;
      min-height: 56px;
      padding: 6px 8px;
      border-radius: var(--_radius);
      font-size: 0.85rem;
      line-height: 1.2;
      white-space: normal;
      text-align: center;
      overflow-wrap: anywhere;
    }
    @container actions (min-width: 560px) {
      .actions-buttons {
        display: flex;
        flex-wrap: wrap;
      }
      .actions-buttons .btn {
        flex-direction: row;
        gap: 8px;
        min-height: 44px;
        padding: 0 16px;
        border-radius: 22px;
        font-size: 0.95rem;
        white-space: nowrap;
      }
    }
    .move {
      display: flex;
      flex-direction: column;
      gap: 16px;
      padding: 24px 20px 20px;
    }
    .move h2 {
      font-size: 1.2rem;
      font-weight: 600;
      padding-right: 44px;
    }
    .move-list {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-height: 160px;
      overflow-y: auto;
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    .move input[type="text"] {
      width: 100%;
    }
    .move-actions {
      display: flex;
      justify-content: flex-end;
      flex-wrap: wrap;
      gap: 10px;
    }
    @media (min-width: 600px) {
      :host {
        padding: 20px 24px 96px;
      }
    }
  `];function ro(e,t){if(e.status===`loading`)return y`<ul class="files surface" aria-busy="true" aria-label="Loading ${e.path}">
      ${[0,1,2,3].map(Xa)}
    </ul>`;if(e.status===`error`)return H(`Could not open ${e.path}`,e.error,()=>t.reload(e.path));if(!e.files.length)return U(Vt,`This folder is empty`,Wa(e.path,t.folders));let n=e.files.length,r=t.selected.size,{language:i,pinned:a,shown:o}=t;return y`
    ${t.admin?y`<div class="select-bar">
          <label class="check">
            <input
              type="checkbox"
              .checked=${r===n}
              .indeterminate=${r>0&&r<n}
              @change=${e=>t.selectAll(e.target.checked)}
            />
            <span>Select all</span>
          </label>
          <span class="muted count" aria-live="polite">${r?`${r} of ${n} selected`:`${n} item${n===1?``:`s`}`}</span>
        </div>`:y`<p class="muted count">${n} item${n===1?``:`s`}</p>`}
    <ul class="files surface" aria-label="Files in ${e.path}" @keydown=${t.onListKey}>
      ${k(e.files.slice(0,o),e=>e.path,e=>Ya(e,{language:i,selectable:t.admin,selected:t.selected.has(e.path),pinned:a,onToggle:t.toggle,onOpen:e=>t.browse(e.path)}))}
      ${n>o?y`<li class="more">
            <button class="btn text" @click=${t.showMore}>
              Show ${Math.min(200,n-o)} more (${n-o} not shown)
            </button>
          </li>`:x}
    </ul>
  `}function io(e,t){(t&&e?.querySelector(`input`)||e?.querySelector(`button.file-name`)||e?.querySelector(`input`))?.focus()}D(`pandora-panel-files`,class extends q{static get properties(){return{folder:{attribute:!1},shareId:{attribute:!1},_share:{state:!0},_listing:{state:!0},_selected:{state:!0},_move:{state:!0},_delete:{state:!0},_shown:{state:!0}}}constructor(){super(),this.requestId=0,this.moreObserver=null,this.anchor=null,this.info=null,this.admin=!1,this.narrow=!1,this.folder=null,this.shareId=null,this._share=null,this._listing={status:`loading`,path:`/`},this._selected=new Set,this._move=null,this._delete=null,this._shown=200}disconnectedCallback(){super.disconnectedCallback(),this.moreObserver?.disconnect(),this.moreObserver=null}showMore(){this._listing.status===`ready`&&this._shown<this._listing.files.length&&(this._shown+=200)}get shares(){return this.info?.services.cloudcmd??[]}get share(){return this.shares.find(e=>e.id===this._share)}get shareTitle(){return this.share?.title??`Share`}get folders(){return Ea(this.share)}get pinned(){return ka(this.folders)}willUpdate(e){let t=e.has(`folder`)||e.has(`shareId`);if(!(t||e.has(`info`)||e.has(`api`))||!this.api||!this.shares.length)return;let n=e=>this.shares.some(t=>t.id===e),r=e.has(`shareId`)||!n(this._share)?n(this.shareId)?this.shareId:this.shares[0].id:this._share,i=Q(this.folder??this._listing.path);r===this._share?t&&i!==this._listing.path?this.open(i):this._listing.status===`ready`&&(this._listing={...this._listing,files:Na(this._listing.files,this.pinned)}):(this._share=r,this._selected=new Set,this.anchor=null,this.open(i))}async open(e){let t=Q(e),n=++this.requestId,r=this._share??void 0;t!==this._listing.path&&(this._selected=new Set,this.anchor=null),this._listing={status:`loading`,path:t},this._shown=200;try{let e=await this.api.listFiles(t,r);if(n!==this.requestId)return;this._listing={status:`ready`,path:t,files:Na(e.files,this.pinned)};let i=new Set(e.files.map(e=>e.path));this._selected=new Set([...this._selected].filter(e=>i.has(e)))}catch(e){n===this.requestId&&(this._listing={status:`error`,path:t,error:e})}}browse(e){let t=Q(e);t!==this._listing.path&&G(this,{view:{folder:t}}),this.open(t)}changeShare(e){this._share=e,this._selected=new Set,this.anchor=null,G(this,{view:{share:e===this.shares[0]?.id?void 0:e,folder:void 0}}),this.open(`/`)}get entries(){return this._listing.status===`ready`?this._listing.files:[]}toggle(e,t){let n=t.currentTarget.checked,r=new Set(this._selected),i=this.entries,a=this.anchor?i.findIndex(e=>e.path===this.anchor):-1,o=i.findIndex(t=>t.path===e.path);if(t.shiftKey&&a>=0&&o>=0){let[e,t]=a<o?[a,o]:[o,a];for(let a of i.slice(e,t+1))n?r.add(a.path):r.delete(a.path)}else n?r.add(e.path):r.delete(e.path);this.anchor=e.path,this._selected=r}selectAll(e){this._selected=e?new Set(this.entries.map(e=>e.path)):new Set}clearSelection(){this._selected=new Set,this.anchor=null}onListKey(e){if(e.key===`Escape`&&this._selected.size){e.stopPropagation(),this.clearSelection();return}if(this.admin&&(e.ctrlKey||e.metaKey)&&e.key.toLowerCase()===`a`){e.preventDefault(),this.selectAll(!0);return}if(e.key!==`ArrowDown`&&e.key!==`ArrowUp`)return;let t=this.renderRoot instanceof ShadowRoot?this.renderRoot.activeElement:null,n=t?.closest(`li.file`);if(!n)return;let r=[...this.renderRoot.querySelectorAll(`ul.files > li.file`)],i=r.indexOf(n)+(e.key===`ArrowDown`?1:-1),a=t instanceof HTMLInputElement;if(i===r.length&&this._listing.status===`ready`&&i<this._listing.files.length){e.preventDefault(),this.showMore(),this.updateComplete.then(()=>{io(this.renderRoot.querySelectorAll(`ul.files > li.file`)[i],a)});return}let o=r[i];o&&(e.preventDefault(),io(o,a))}startMove(e){let t=this.entries.filter(e=>this._selected.has(e.path));if(!t.length)return;let n=t[0];this._move={destination:e,entries:t,folder:za(n.name,n.type===`file`),scanAfter:!0,busy:!1,error:null}}async submitMove(e){e.preventDefault();let t=this._move;if(!t||t.busy||Va(t.folder))return;this._move={...t,busy:!0,error:null};let n=t.folder.trim();try{let e=await this.api.moveFiles({paths:t.entries.map(e=>e.path),destination:t.destination,...n?{folder:n}:{},scan_after:t.scanAfter,...this._share?{instance:this._share}:{}});this._move=null,this.clearSelection(),K(this,{kind:`success`,message:Ga(e)}),this.open(this._listing.path)}catch(e){this._move&&={...this._move,busy:!1,error:e}}}startDelete(){let e=this.entries.filter(e=>this._selected.has(e.path));e.length&&(this._delete={entries:e,busy:!1,error:null})}cancelDelete(){this._delete?.busy||(this._delete=null)}async confirmDelete(){let e=this._delete;if(e&&!e.busy){this._delete={...e,busy:!0,error:null};try{await this.api.deleteFiles(e.entries.map(e=>e.path),this._share??void 0),this._delete=null,this.clearSelection(),K(this,{kind:`success`,message:qa(e.entries)}),this.open(this._listing.path)}catch(e){this._delete&&={...this._delete,busy:!1,error:e}}}}render(){if(this.info&&!this.shares.length)return W({iconPath:Vt,title:`Add Cloud Commander to manage your files`,why:`Files shows your download share through Cloud Commander and lets administrators move finished downloads into the Movies and TV Shows folders, then scan Jellyfin.`,service:`Cloud Commander`,admin:this.admin});if(!this.info)return y`<ul class="files surface" aria-busy="true" aria-label="Loading files">
        ${[0,1,2].map(Xa)}
      </ul>`;let e=this._listing.path;return y`
      <div class="top">
        ${this.shares.length>1?y`<label class="field share">
              <span>Share</span>
              <select
                .value=${this._share??``}
                @change=${e=>this.changeShare(e.target.value)}
              >
                ${this.shares.map(e=>y`<option value=${e.id} ?selected=${e.id===this._share}>${e.title}</option>`)}
              </select>
            </label>`:x}
        <div class="pins chips" role="group" aria-label="Pinned folders">
          ${this.pinned.map(t=>y`<button
              class="pin-btn"
              title=${t.path}
              aria-current=${Oa(e,t.path)?`true`:`false`}
              @click=${()=>this.browse(t.path)}
            >
              ${I(t.icon)}<span>${t.label}</span>
            </button>`)}
        </div>
      </div>
      <div class="bar">
        ${Qa(e,this.shareTitle,e=>this.browse(e))}
        <button
          class="icon-btn"
          aria-label="Refresh"
          title="Refresh"
          ?disabled=${this._listing.status===`loading`}
          @click=${()=>void this.open(e)}
        >
          ${I(F)}
        </button>
      </div>
      ${ro(this._listing,this.listingView)} ${this.admin?$a(this._selected.size,this.actions):x}
      ${this._move?eo(this._move,this.actions):x}
      ${this._delete&&this.admin?to(this._delete,this.actions):x}
    `}updated(e){if(e.has(`_listing`)){let e=this.renderRoot.querySelector(`nav.crumbs`);e&&e.scrollWidth>e.clientWidth&&(e.scrollLeft=e.scrollWidth)}this.moreObserver?.disconnect();let t=this.renderRoot.querySelector(`li.more`);t&&typeof IntersectionObserver<`u`&&(this.moreObserver??=new IntersectionObserver(e=>{e.some(e=>e.isIntersecting)&&this.showMore()}),this.moreObserver.observe(t))}get listingView(){return{language:this.api.language,admin:this.admin,folders:this.folders,pinned:this.pinned,selected:this._selected,shown:this._shown,reload:e=>void this.open(e),selectAll:e=>this.selectAll(e),toggle:(e,t)=>this.toggle(e,t),browse:e=>this.browse(e),showMore:()=>this.showMore(),onListKey:e=>this.onListKey(e)}}get actions(){return{narrow:this.narrow,shareTitle:this.shareTitle,folders:this.folders,clearSelection:()=>this.clearSelection(),startMove:e=>this.startMove(e),updateMove:e=>{this._move&&={...this._move,...e}},closeMove:()=>this._move=null,submitMove:e=>void this.submitMove(e),startDelete:()=>this.startDelete(),confirmDelete:()=>void this.confirmDelete(),cancelDelete:()=>this.cancelDelete()}}static{this.styles=no}});var ao={movies:[`Movies`,Xt],tvshows:[`TV shows`,un],music:[`Music`,Zt],homevideos:[`Home videos`,Wt]};function oo(e){return e&&ao[e]||[e?e[0].toUpperCase()+e.slice(1):`Mixed`,`M12,18.54L19.37,12.8L21,14.07L12,21.07L3,14.07L4.62,12.81L12,18.54M12,16L3,9L12,2L21,9L12,16M12,4.53L6.26,9L12,13.47L17.74,9L12,4.53Z`]}var so={completed:[`Completed`,`success`],failed:[`Failed`,`error`],cancelled:[`Cancelled`,`warning`],aborted:[`Aborted`,`warning`]},co={direct_play:`Direct play`,direct_stream:`Direct stream`,transcode:`Transcoding`},lo=(e,t)=>`${e}\u0000${t}`;D(`pandora-panel-library`,class extends q{static get properties(){return{_busy:{state:!0}}}constructor(){super(),this.feed=new In(this,{api:()=>this.api,enabled:()=>this.servers.length>0,open:(e,t,n)=>e.subscribe(`pandora/library/subscribe`,t,n)}),this.info=null,this.admin=!1,this.narrow=!1,this._busy=new Set}get servers(){return this.info?.services.jellyfin??[]}async scan(e,t){let n=lo(e.id,t?.id??`all`),r=t?t.name:`every library`;this._busy=new Set([...this._busy,n]);try{await this.api.scanLibrary(t?.id??`all`,e.id),K(this,{kind:`success`,message:`Scanning ${r} on ${e.title}.`})}catch(e){K(this,{kind:`error`,message:`Could not scan ${r}: ${T(e)}`})}finally{let e=new Set(this._busy);e.delete(n),this._busy=e}}render(){if(this.info&&!this.servers.length)return W({iconPath:Ct,title:`Add Jellyfin to follow your library`,why:`Library shows what your Jellyfin servers hold, follows their library scans live and lets administrators start a scan of one library or all of them.`,service:`Jellyfin`,admin:this.admin});if(this.feed.error)return H(`Could not load the library`,this.feed.error,()=>this.feed.retry());let e=this.feed.value;return e?e.jellyfin.length?y`${k(e.jellyfin,e=>e.id,e=>this.renderServer(e))}`:U(Ct,`No Jellyfin server is running`,`Pandora has no Jellyfin server loaded right now.`):y`<div aria-busy="true" aria-label="Loading the library">
        ${[0,1].map(()=>y`<div class="server surface skeleton server-skeleton"></div>`)}
      </div>`}renderServer(e){let t=this.api.language,n=`server-${e.id}`,r=this._busy.has(lo(e.id,`all`));return y`<section class="server surface" data-server=${e.id} aria-labelledby=${n}>
      <header class="server-head">
        <h2 id=${n}>${e.title}</h2>
        ${this.admin?y`<button
              class="btn primary scan-all"
              ?disabled=${r||!e.available}
              @click=${()=>void this.scan(e,null)}
            >
              ${I(Kt)} ${r?`Starting…`:`Scan all`}
            </button>`:x}
      </header>
      ${e.available?x:y`<p class="banner" role="status">
            ${I(A)}<span>${e.title} is not answering; this may be out of date.</span>
          </p>`}
      ${this.renderStreams(e)} ${this.renderCounts(e,t)} ${this.renderScan(e,t)}
      <h3 class="libraries-title">Libraries</h3>
      ${e.libraries.length?y`<ul class="libraries plain">
            ${k(e.libraries,e=>e.id,n=>this.renderLibrary(e,n,t))}
          </ul>`:y`<p class="muted">No libraries yet.</p>`}
    </section>`}renderStreams(e){let t=e.streams;return y`<h3 class="streams-title">Watching now</h3>
      ${t===null?y`<p class="muted">Who is watching cannot be read right now.</p>`:t.length?y`<ul class="streams plain" aria-label="Watching now on ${e.title}">
              ${t.map(e=>this.renderStream(e))}
            </ul>`:y`<p class="muted streams-none">Nobody is watching.</p>`}`}renderStream(e){let t=e.play_method?co[e.play_method]??e.play_method:null;return y`<li class="stream" data-device=${e.device}>
      <span class="stream-icon" title=${e.paused?`Paused`:`Playing`}
        >${I(e.paused?$t:en)}</span
      >
      <div class="stream-main">
        <span class="stream-title">${e.title}</span>
        <span class="muted stream-where"
          >${e.user??`Someone`} · ${e.device}${e.remote?` · Remote`:x}</span
        >
      </div>
      <span class="chips">
        ${e.paused?y`<span class="chip paused"><span class="dot"></span>Paused</span>`:x}
        ${t?y`<span class="chip method ${e.play_method}"><span class="dot"></span>${t}</span>`:x}
      </span>
    </li>`}renderCounts(e,t){let n=e.counts;if(!n)return x;let r=new Intl.NumberFormat(t);return y`<dl class="counts">
      ${[[`Movies`,n.movies],[`Series`,n.series],[`Episodes`,n.episodes]].map(([e,t])=>y`<div class="count">
          <dt>${e}</dt>
          <dd>${r.format(t)}</dd>
        </div>`)}
    </dl>`}renderScan(e,t){if(e.scanning)return y`<div class="scan" role="status">
        <p class="scan-line">
          <span class="chip scanning"><span class="dot"></span>Scanning</span>
          <span class="percent">${Vn(e.progress,t)}</span>
        </p>
        ${Bn(e.progress,`Library scan on ${e.title}`,t)}
      </div>`;let n=e.last_result?so[e.last_result]??[e.last_result,`warning`]:null;return y`<div class="scan" role="status">
      <p class="scan-line">
        ${e.last_scan?y`<span
              >Last scan
              <time datetime=${e.last_scan} title=${V(e.last_scan,t)}
                >${B(e.last_scan,t)}</time
              ></span
            >`:y`<span class="muted">No scan yet</span>`}
        ${n?y`<span class="chip result ${n[1]}"><span class="dot"></span>${n[0]}</span>`:x}
      </p>
    </div>`}renderLibrary(e,t,n){let[r,i]=oo(t.collection_type),a=this._busy.has(lo(e.id,t.id));return y`<li class="library" data-library=${t.id}>
      <span class="library-icon">${I(i)}</span>
      <div class="library-main">
        <span class="library-name">${t.name}</span>
        <span class="muted library-kind"
          >${r}${t.refreshing?y` · Scanning${t.progress==null?x:y` ${Vn(t.progress,n)}`}`:x}</span
        >
        ${t.refreshing?Bn(t.progress,`Scan of ${t.name}`,n):x}
      </div>
      ${this.admin?y`<button
            class="btn"
            aria-label="Scan ${t.name}"
            ?disabled=${a||t.refreshing||!e.available}
            @click=${()=>void this.scan(e,t)}
          >
            ${I(Kt)}<span class="label">Scan</span>
          </button>`:x}
    </li>`}static{this.styles=[...L,mn,Hn,l`
      :host {
        display: flex;
        flex-direction: column;
        gap: 16px;
        padding: 16px 12px 32px;
        max-width: 960px;
        margin: 0 auto;
      }
      .server {
        display: flex;
        flex-direction: column;
        gap: 14px;
        padding: 16px;
      }
      .server-skeleton {
        height: 220px;
        margin-bottom: 16px;
      }
      .server-head {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 8px 12px;
      }
      h2 {
        flex: 1;
        min-width: 0;
        font-size: 1.15rem;
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .counts {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 8px;
        margin: 0;
      }
      .count {
        padding: 10px 12px;
        border-radius: calc(var(--_radius) - 4px);
        background: var(--_surface-alt);
      }
      dt {
        font-size: 0.8rem;
        color: var(--_text-2);
      }
      dd {
        margin: 2px 0 0;
        font-size: 1.35rem;
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .scan {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .scan-line {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        gap: 6px 12px;
        font-size: 0.9rem;
      }
      .percent {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .chip .dot {
        color: var(--_text-2);
      }
      .chip.scanning .dot {
        color: var(--_primary);
      }
      .chip.success .dot {
        color: var(--_success);
      }
      .chip.error .dot {
        color: var(--_error);
      }
      .chip.warning .dot {
        color: var(--_warning);
      }
      .streams-title,
      .libraries-title {
        font-size: 0.95rem;
        font-weight: 600;
      }
      .libraries {
        display: flex;
        flex-direction: column;
      }
      .streams {
        display: flex;
        flex-direction: column;
      }
      .stream {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 52px;
        padding: 6px 0;
        border-top: 1px solid var(--_divider);
      }
      .stream-icon {
        display: inline-flex;
        color: var(--_primary);
      }
      .stream-main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      .stream-title {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .stream-where {
        font-size: 0.82rem;
        overflow-wrap: anywhere;
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 4px;
      }
      .chip.transcode .dot {
        color: var(--_warning);
      }
      .chip.direct_play .dot,
      .chip.direct_stream .dot {
        color: var(--_success);
      }
      .library {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 60px;
        padding: 6px 0;
        border-top: 1px solid var(--_divider);
      }
      .library-icon {
        display: inline-flex;
        color: var(--_accent-text);
      }
      .library-main {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .library-name {
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .library-kind {
        font-size: 0.82rem;
      }
      @media (max-width: 420px) {
        .library .label {
          display: none;
        }
        .library .btn {
          padding: 0;
        }
      }
      @media (min-width: 600px) {
        :host {
          padding: 24px 24px 40px;
        }
        .server {
          padding: 20px 24px;
        }
      }
    `]}});var uo={approve:`Approving…`,deny:`Denying…`,retry:`Retrying…`,withdraw:`Withdrawing…`};function fo(e,t){let n=t.language,r=vr(e),i=br(e),a=`request-${e.id}`,o=`steps-${e.id}`,s=t.expanded.has(e.id),c=t.errors.get(e.id),l=e.release&&(e.status===`downloading`||e.status===`importing`);return y`<li
    class="request surface"
    data-request=${e.id}
    data-status=${e.status}
    aria-current=${Kn(e.id===t.openRequest?`true`:void 0)}
  >
    <div class="poster" aria-hidden="true">
      ${I(e.media_type===`tv`?un:Xt)}
      ${e.poster_url?y`<img
            src=${e.poster_url}
            alt=""
            loading="lazy"
            @error=${e=>e.target.hidden=!0}
          />`:x}
    </div>
    <div class="main">
      <div class="top">
        <h3 id=${a} class="title">
          ${e.title}${e.year?y` <span class="year">(${e.year})</span>`:x}
        </h3>
        ${kr(e.status)}
      </div>
      <p class="sub muted">${e.media_type===`tv`?y`TV · ${r}`:`Movie`}</p>
      <p class="who muted">
        ${i.length?y`Requested by ${i.join(`, `)} · `:`Requested `}<time
          datetime=${e.created}
          title=${V(e.created,n)}
          >${B(e.created,n)}</time
        >
      </p>
      ${l?y`<p class="release"><span class="muted">Release</span> ${e.release}</p>`:x}
      ${mo(e,t.admin)}
      ${ho(e,a,t)}
      ${c?y`<p class="action-error" role="alert">${c}</p>`:x}
      ${e.transitions.length?y`<button
              class="btn text steps-toggle"
              aria-expanded=${s?`true`:`false`}
              aria-controls=${o}
              @click=${()=>t.toggleSteps(e.id)}
            >
              ${I(s?At:Dt)} History
              <span class="visually-hidden">of ${yr(e)}</span>
              <span class="count">${e.transitions.length}</span>
            </button>
            <ol id=${o} class="steps" ?hidden=${!s}>
              ${s?e.transitions.map(r=>y`<li class="step ${hr(r.status)}">
                      <span class="dot" aria-hidden="true"></span>
                      <span class="step-main">
                        <span class="step-status">${gr(r.status)}</span>
                        <span class="muted">
                          by ${Sr(e,r.by,t.me)} ·
                          <time datetime=${r.at} title=${V(r.at,n)}
                            >${B(r.at,n)}</time
                          ></span
                        >
                        ${r.reason?y`<span class="step-reason">${r.reason}</span>`:x}
                      </span>
                    </li>`):x}
            </ol>`:x}
    </div>
  </li>`}var po={denied:`Denied`,failed:`Failed`,waiting_for_space:`Waiting for disk space`};function mo(e,t){let n=po[e.status];if(!n)return x;let r=e.public_reason??e.reason;if(!r)return x;let i=t&&e.status===`failed`&&e.reason!==r?e.reason:null;return y`<p class="reason ${e.status}">
    ${I(A)}<span
      >${n}: ${r}${i?y`<span class="reason-detail">${i}</span>`:x}</span
    >
  </p>`}function ho(e,t,n){let r=n.busy.get(e.id),i=(e,t)=>r===e?uo[e]:t,a=e.status===`pending`&&(n.admin||xr(e,n.me))?y`<button class="btn withdraw" ?disabled=${!!r} @click=${()=>n.withdraw(e)}>
          ${I(pn)} ${i(`withdraw`,`Withdraw`)}
        </button>`:x;return n.admin?e.status===`pending`?y`<div class="actions" role="group" aria-labelledby=${t}>
      <button class="btn primary approve" ?disabled=${!!r} @click=${()=>n.run(e,`approve`)}>
        ${I(j)} ${i(`approve`,`Approve`)}
      </button>
      <button class="btn deny" ?disabled=${!!r} @click=${()=>n.openDeny(e)}>
        ${I(M)} ${i(`deny`,`Deny`)}
      </button>
      ${a}
    </div>`:e.status===`failed`||e.status===`denied`?y`<div class="actions" role="group" aria-labelledby=${t}>
      <button class="btn retry" ?disabled=${!!r} @click=${()=>n.run(e,`retry`)}>
        ${I(F)} ${i(`retry`,`Retry`)}
      </button>
    </div>`:x:a===x?x:y`<div class="actions" role="group" aria-labelledby=${t}>${a}</div>`}var go=[...L,mn,R,Ar,hn,l`
    :host {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 16px 12px 32px;
      max-width: 960px;
      margin: 0 auto;
    }
    .request-skeleton {
      height: 132px;
      margin-bottom: 12px;
    }
    .filters {
      display: flex;
      gap: 8px;
      overflow-x: auto;
      scrollbar-width: none;
      padding: 2px;
    }
    .requests {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .request {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px;
      scroll-margin: 16px;
    }
    /* The request the URL opens (a link, a notification). */
    .request[aria-current="true"] {
      border-color: var(--_primary);
      box-shadow: 0 0 0 1px var(--_primary);
    }
    .poster {
      position: relative;
      flex: none;
      width: 64px;
      aspect-ratio: 2 / 3;
      border-radius: 6px;
      overflow: hidden;
      background: var(--_surface-alt);
      color: var(--_text-2);
      display: grid;
      place-items: center;
    }
    .poster img {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .main {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    /* Narrow: the status under the title; wider: beside it. */
    .top {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 4px 8px;
    }
    .title {
      min-width: 0;
      font-size: 1rem;
      font-weight: 600;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    .year {
      font-weight: 400;
      color: var(--_text-2);
    }
    .sub,
    .who {
      font-size: 0.85rem;
      line-height: 1.35;
    }
    .release {
      font-size: 0.8rem;
      font-family: var(--ha-font-family-code, ui-monospace, monospace);
      overflow-wrap: anywhere;
    }
    .reason,
    .action-error {
      display: flex;
      align-items: flex-start;
      gap: 6px;
      margin-top: 2px;
      padding: 6px 10px;
      border-radius: 6px;
      border-left: 3px solid var(--_text-2);
      background: var(--_surface-alt);
      font-size: 0.85rem;
      line-height: 1.4;
      overflow-wrap: anywhere;
    }
    .reason-detail {
      display: block;
      margin-top: 2px;
      color: var(--_text-2);
      font-family: var(--ha-font-family-code, ui-monospace, monospace);
      font-size: 0.8rem;
    }
    .reason .icon {
      width: 18px;
      height: 18px;
      color: var(--_text-2);
    }
    .reason.failed,
    .action-error {
      border-left-color: var(--_error);
    }
    .reason.failed .icon {
      color: var(--_error);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin-top: 6px;
    }
    .steps-toggle {
      align-self: flex-start;
      margin-left: -12px;
      padding: 0 12px;
      gap: 4px;
      font-size: 0.85rem;
    }
    .steps {
      list-style: none;
      margin: 0;
      padding: 0 0 0 4px;
    }
    .step {
      position: relative;
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 4px 0 8px;
      font-size: 0.85rem;
      line-height: 1.35;
    }
    /* The line between the dots. */
    .step:not(:last-child)::before {
      content: "";
      position: absolute;
      left: 3px;
      top: 14px;
      bottom: -4px;
      width: 2px;
      background: var(--_divider);
    }
    .step .dot {
      margin-top: 5px;
      color: var(--_text-2);
    }
    .step.pending .dot {
      color: var(--_warning);
    }
    .step.progress .dot {
      color: var(--_primary);
    }
    .step.available .dot {
      color: var(--_success);
    }
    .step.failed .dot {
      color: var(--_error);
    }
    .step-main {
      display: flex;
      flex-wrap: wrap;
      gap: 0 6px;
      min-width: 0;
    }
    .step-status {
      font-weight: 600;
    }
    .step-reason {
      flex-basis: 100%;
      color: var(--_text-2);
      overflow-wrap: anywhere;
    }
    .no-match {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      padding: 32px 16px;
      text-align: center;
    }
    textarea {
      min-height: 88px;
      padding: 10px 12px;
      border-radius: 8px;
      border: 1px solid var(--_divider);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      resize: vertical;
    }
    textarea:focus {
      border-color: var(--_primary);
    }
    .field .hint {
      align-self: flex-end;
      font-variant-numeric: tabular-nums;
    }
    @media (min-width: 600px) {
      :host {
        padding: 24px 24px 40px;
      }
      .request {
        padding: 16px;
        gap: 16px;
      }
      .poster {
        width: 80px;
      }
      .top {
        flex-direction: row;
        justify-content: space-between;
      }
    }
  `];D(`pandora-panel-requests`,class extends q{static get properties(){return{openRequest:{attribute:!1},filter:{attribute:!1},_filter:{state:!0},_busy:{state:!0},_errors:{state:!0},_expanded:{state:!0},_deny:{state:!0},_reason:{state:!0},_denyError:{state:!0}}}constructor(){super(),this.linked=null,this.linkChanged=!1,this.scrollPending=null,this.feed=new In(this,{api:()=>this.api,enabled:()=>!!this.info?.requests,open:(e,t,n)=>e.subscribe(`pandora/requests/subscribe`,t,n)}),this.info=null,this.admin=!1,this.narrow=!1,this.openRequest=null,this.filter=null,this._filter=null,this._busy=new Map,this._errors=new Map,this._expanded=new Set,this._deny=null,this._reason=``,this._denyError=null}get me(){return this.api?.hass?.user?.id??void 0}willUpdate(e){super.willUpdate(e);let t=this.feed.value?.requests;e.has(`filter`)&&Er(this.filter)&&(this._filter=this.filter),this._filter===null&&this.admin&&t&&(this._filter=t.some(e=>e.status===`pending`)?`pending`:`all`),e.has(`openRequest`)&&(this.linkChanged=!0),t&&this.linkChanged&&(this.linkChanged=!1,this.followLink(t))}updated(e){super.updated(e);let t=this.scrollPending,n=t?this.renderRoot.querySelector(`li.request[data-request="${t}"]`):null;n&&(this.scrollPending=null,n.scrollIntoView?.({block:`center`}))}followLink(e){let t=this.openRequest;if(t===this.linked)return;let n=new Set(this._expanded);this.linked&&n.delete(this.linked),this.linked=null;let r=t?e.find(e=>e.id===t):void 0;t&&!r?(K(this,{kind:`error`,message:`That request is not in your list.`}),G(this,{view:{request:void 0},replace:!0})):r&&(this.linked=r.id,n.add(r.id),this.scrollPending=r.id,this.admin&&this._filter&&!Dr(r,this._filter,this.me)&&(this._filter=`all`,G(this,{view:{filter:`all`},replace:!0}))),this._expanded=n}chooseFilter(e){this._filter=e,G(this,{view:{filter:e},replace:!0})}setBusy(e,t){let n=new Map(this._busy);t?n.set(e,t):n.delete(e),this._busy=n}setError(e,t){let n=new Map(this._errors);t?n.set(e,t):n.delete(e),this._errors=n}applied(e){e&&this.feed.value&&(this.feed.value=wr(this.feed.value,[e]),this.requestUpdate())}async run(e,t){if(this._busy.has(e.id))return;this.setBusy(e.id,t),this.setError(e.id,null);let n=yr(e);try{let r=t===`approve`?await this.api.approveRequest(e.id):await this.api.retryRequest(e.id);this.applied(r?.request),K(this,{kind:`success`,message:t===`approve`?`Approved ${n}`:`Retrying ${n}`})}catch(n){this.setError(e.id,`Could not ${t===`approve`?`approve`:`retry`} it: ${T(n)}`)}finally{this.setBusy(e.id,null)}}async withdraw(e){if(!this._busy.has(e.id)){this.setBusy(e.id,`withdraw`),this.setError(e.id,null);try{let t=await this.api.withdrawRequest(e.id);t?.request&&t.request.status!==`withdrawn`&&!this.admin&&this.feed.value?(this.feed.value={requests:this.feed.value.requests.filter(t=>t.id!==e.id)},this.requestUpdate()):this.applied(t?.request),K(this,{kind:`success`,message:`Withdrew ${yr(e)}`})}catch(t){this.setError(e.id,`Could not withdraw it: ${T(t)}`)}finally{this.setBusy(e.id,null)}}}openDeny(e){this._deny=e,this._reason=``,this._denyError=null}closeDeny(){this._deny&&this._busy.get(this._deny.id)===`deny`||(this._deny=null,this._denyError=null)}async submitDeny(){let e=this._deny;if(!(!e||this._busy.has(e.id)||this._reason.length>500)){this.setBusy(e.id,`deny`),this.setError(e.id,null),this._denyError=null;try{let t=await this.api.denyRequest(e.id,this._reason);this.setBusy(e.id,null),this._deny=null,this.applied(t?.request),K(this,{kind:`success`,message:`Denied ${yr(e)}`})}catch(t){this.setBusy(e.id,null),this._denyError=t}}}toggleSteps(e){let t=new Set(this._expanded);t.delete(e)?e===this.linked&&(this.linked=null,G(this,{view:{request:void 0},back:!0})):(t.add(e),this.linked=e,G(this,{view:{request:e}})),this._expanded=t}render(){if(this.info&&!this.info.requests)return U(P,`Requests need a newer Pandora`,y`This Pandora does not take household requests yet. Update the Pandora integration
          (in HACS), then restart Home Assistant.`);if(this.feed.error)return H(`Could not load the requests`,this.feed.error,()=>this.feed.retry());let e=this.feed.value;if(!e)return y`<div aria-busy="true" aria-label="Loading the requests">
        ${[0,1,2].map(()=>y`<div class="surface skeleton request-skeleton"></div>`)}
      </div>`;let t=e.requests;if(!t.length)return this.admin?U(P,`No requests yet`,`When someone in your household asks for a movie or show, it shows here for you to approve.`):U(P,`No requests yet`,`Ask for a movie or show from Discover: open it and tap Request.`,y`<button class="btn primary" @click=${()=>G(this,{tab:`discover`})}>
              ${I(Mt)} Open Discover
            </button>`);let n=this.admin?this._filter??`all`:`all`,r=this.me,i=(e,t)=>Dr(e,t,r),a=t.filter(e=>i(e,n)),o=this.cardView;return y`
      ${this.admin?y`<div class="filters" role="group" aria-label="Filter requests">
            ${Tr.map(([e,r])=>y`<button
                class="filter"
                data-filter=${e}
                aria-pressed=${n===e?`true`:`false`}
                @click=${()=>this.chooseFilter(e)}
              >
                ${r} <span class="count">${t.filter(t=>i(t,e)).length}</span>
              </button>`)}
          </div>`:x}
      ${a.length?y`<ul class="requests plain" aria-label="Requests">
            ${k(a,e=>e.id,e=>fo(e,o))}
          </ul>`:this.renderNoMatch(n)}
      ${this._deny?this.renderDenySheet(this._deny):x}
    `}renderNoMatch(e){return y`<div class="no-match">
      <p class="muted">${e===`pending`?`No requests are waiting for approval.`:`You have not requested anything.`}</p>
      <button class="btn" @click=${()=>this.chooseFilter(`all`)}>Show all</button>
    </div>`}get cardView(){return{language:this.api.language,admin:this.admin,me:this.me,openRequest:this.openRequest,busy:this._busy,errors:this._errors,expanded:this._expanded,toggleSteps:e=>this.toggleSteps(e),run:(e,t)=>void this.run(e,t),withdraw:e=>void this.withdraw(e),openDeny:e=>this.openDeny(e)}}renderDenySheet(e){let t=this._busy.get(e.id)===`deny`,n=br(e),r=this._reason.length>500;return y`<pandora-confirm
      .narrow=${this.narrow}
      label="Deny the request"
      heading="Deny this request?"
      subject=${yr(e)}
      body="${n.length?`${n.join(`, `)} will`:`The requester will`} see it as denied, with your reason."
      confirm-label="Deny"
      busy-label="Denying…"
      danger
      ?busy=${t}
      ?disabled=${r}
      @confirm=${()=>void this.submitDeny()}
      @cancel=${this.closeDeny}
    >
      <label class="field">
        <span>Reason (optional)</span>
        <textarea
          id="deny-reason"
          rows="3"
          maxlength=${500}
          aria-describedby="deny-count"
          .value=${this._reason}
          ?disabled=${t}
          @input=${e=>this._reason=e.target.value}
        ></textarea>
        <span id="deny-count" class="hint" aria-live="polite">${this._reason.length} / ${500}</span>
      </label>
      ${this._denyError?y`<p class="action-error" role="alert">Could not deny it: ${T(this._denyError)}</p>`:x}
    </pandora-confirm>`}static{this.styles=go}});var _o=[`discover`,`requests`,`downloads`,`files`,`library`,`containers`],vo={discover:[`q`],requests:[`filter`],downloads:[`filter`,`sort`],files:[`share`],library:[],containers:[]},yo=/^[0-9A-Za-z_-]{1,64}$/;function bo(e){return _o.includes(e)}function xo(e){try{return decodeURIComponent(e)}catch{return null}}function So(e){let t=[];for(let n of e){let e=xo(n);if(e===null||e===``||e===`.`||e===`..`||e.includes(`/`))return null;t.push(e)}return`/${t.join(`/`)}`}function Co(e){return e.split(`/`).filter(e=>e&&e!==`.`).map(e=>`/${encodeURIComponent(e)}`).join(``)}function wo(e,t=``){let n=(e??``).split(`/`).filter(Boolean),r=n[0];if(!bo(r))return{tab:`discover`};let i={tab:r},a=n.slice(1);if(r===`discover`&&a.length===2){let[e,t]=a,n=/^[1-9][0-9]{0,9}$/.test(t)?Number(t):NaN;(e===`movie`||e===`tv`)&&Number.isSafeInteger(n)&&(i.title={media_type:e,tmdb_id:n})}else if(r===`requests`&&a.length===1){let e=xo(a[0]);e&&yo.test(e)&&(i.request=e)}else if(r===`files`&&a.length){let e=So(a);e&&(i.folder=e)}let o=new URLSearchParams(t);for(let e of vo[r]){let t=o.get(e);t&&(i[e]=t)}return i}function To(e){let t=`/${e.tab}`;e.tab===`discover`&&e.title?t+=`/${e.title.media_type}/${e.title.tmdb_id}`:e.tab===`requests`&&e.request?t+=`/${encodeURIComponent(e.request)}`:e.tab===`files`&&e.folder&&(t+=Co(e.folder));let n=new URLSearchParams;for(let t of vo[e.tab]){let r=e[t];r&&n.set(t,r)}let r=n.toString();return r?`${t}?${r}`:t}function Eo(e,t){return`${e.replace(/\/+$/,``)}${To(t)}`}function Do(e,t){return To(e)===To(t)}function Oo(e,t=!1,n=null){t?history.replaceState(history.state,``,e):history.pushState(n,``,e),window.dispatchEvent(new CustomEvent(`location-changed`,{detail:{replace:t},bubbles:!0,composed:!0}))}var ko=[...L,l`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--_background);
      --_bar-bg: var(--pb-app-bar-background, var(--app-header-background-color, var(--_surface)));
      --_bar-text: var(--pb-app-bar-text, var(--app-header-text-color, var(--_text)));
    }
    .app-bar {
      flex: none;
      position: sticky;
      top: 0;
      z-index: 4;
      background: var(--_bar-bg);
      color: var(--_bar-text);
      border-bottom: 1px solid var(--_divider);
      padding-top: var(--safe-area-inset-top, env(safe-area-inset-top, 0px));
    }
    .bar-row {
      display: flex;
      align-items: center;
      gap: 4px;
      min-height: 56px;
      padding: 0 12px 0 4px;
    }
    :host(:not([narrow])) .bar-row {
      padding-left: 16px;
    }
    h1 {
      font-size: 1.25rem;
      font-weight: 400;
      margin-left: 8px;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .tabs {
      display: flex;
      padding: 0 8px;
      overflow-x: auto;
      scrollbar-width: none;
    }
    .tab {
      position: relative;
      flex: 1 0 auto;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      min-height: 48px;
      padding: 0 16px;
      border: none;
      background: transparent;
      color: inherit;
      font-size: 0.95rem;
      font-weight: 500;
      cursor: pointer;
    }
    .tab[aria-selected="true"] {
      font-weight: 700;
    }
    .tab[aria-selected="true"]::after {
      content: "";
      position: absolute;
      left: 12px;
      right: 12px;
      bottom: 0;
      height: 3px;
      border-radius: 3px 3px 0 0;
      background: currentColor;
    }
    .tab:hover {
      background: rgba(127, 127, 127, 0.12);
    }
    .tab:focus-visible {
      outline-offset: -4px;
      outline-color: currentColor;
    }
    .app-bar {
      container-type: inline-size;
    }
    @container (max-width: 639px) {
      /* Six tabs in a narrow panel: icon over a short label, like a navigation bar (fits 390 px). */
      .tabs {
        padding: 0 4px;
      }
      .tab {
        flex: 1 0 56px;
        flex-direction: column;
        gap: 2px;
        min-height: 56px;
        padding: 6px 2px;
        font-size: 0.75rem;
      }
      .tab[aria-selected="true"]::after {
        left: 8px;
        right: 8px;
      }
    }
    main {
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      overflow-x: hidden;
    }
    .hint {
      text-align: center;
      color: var(--_text-2);
      padding: 0 24px;
    }
    /* Below open sheets (z-index 30, pandora-panel-sheet.ts); hidden anyway while one is open. */
    .toast-region {
      position: fixed;
      left: 0;
      right: 0;
      bottom: calc(16px + env(safe-area-inset-bottom, 0px));
      display: flex;
      justify-content: center;
      pointer-events: none;
      z-index: 20;
      padding: 0 12px;
    }
    .toast {
      pointer-events: auto;
      display: flex;
      align-items: center;
      gap: 4px;
      max-width: 560px;
      width: 100%;
      padding: 4px 4px 4px 16px;
      border-radius: 12px;
      background: #323232;
      color: #f1f1f1;
      box-shadow: 0 6px 20px rgba(0, 0, 0, 0.35);
      border-left: 4px solid var(--_info);
      animation: toast-in 180ms ease-out;
    }
    .toast.success {
      border-left-color: var(--_success);
    }
    .toast.error {
      border-left-color: var(--_error);
    }
    .toast-message {
      flex: 1;
      min-width: 0;
      padding: 8px 0;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }
    .toast .btn.text {
      color: #9cdcff;
    }
    .toast .btn.text:hover,
    .toast .icon-btn:hover {
      background: rgba(255, 255, 255, 0.12);
    }
    .toast :focus-visible {
      outline-color: #fff;
    }
    @keyframes toast-in {
      from {
        transform: translateY(12px);
        opacity: 0;
      }
    }
    @media (min-width: 720px) {
      :host(:not([narrow])) .app-bar {
        display: flex;
        align-items: stretch;
      }
      :host(:not([narrow])) .tabs {
        margin-left: 24px;
      }
      :host(:not([narrow])) .tab {
        flex: none;
        min-height: 56px;
      }
    }
  `],$=[{id:`discover`,label:`Discover`,icon:Mt},{id:`requests`,label:`Requests`,icon:P},{id:`downloads`,label:`Downloads`,icon:fn},{id:`files`,label:`Files`,icon:Vt},{id:`library`,label:`Library`,icon:Ct},{id:`containers`,label:`Containers`,icon:Pt}],Ao=`pandoraFrom`,jo=6e3,Mo=3e3;typeof window<`u`&&et(location.pathname,window);var No=class extends w{static get properties(){return{narrow:{type:Boolean,reflect:!0},route:{attribute:!1},panel:{attribute:!1},_view:{state:!0},_info:{state:!0},_infoError:{state:!0},_menuHidden:{state:!0},_admin:{state:!0},_toast:{state:!0},_sheetOpen:{state:!0}}}constructor(){if(super(),this.api=new st,this.toastLeft=0,this.toastSince=0,this.toastId=0,this.openSheets=new Set,this.focusTabOnUpdate=!1,this.onPopState=()=>this.followLocation(),this.narrow=!1,this._view={tab:`discover`},this._info=null,this._infoError=null,this._menuHidden=!1,this._admin=!1,this._toast=null,this._sheetOpen=!1,Object.prototype.hasOwnProperty.call(this,`hass`)){let e=this.hass;delete this.hass,this.hass=e}this.addEventListener(`pandora-toast`,e=>this.showToast(e.detail)),this.addEventListener(xn,e=>this.sheetOpened(e.detail)),this.addEventListener(`pandora-navigate`,e=>{let{tab:t,path:n,view:r,replace:i,back:a}=e.detail;if(r){let e=r.tab&&r.tab!==this.tab?{...r,tab:r.tab}:{...this._view,...r};this.go(e,a?`back`:i?`replace`:`push`)}else t?this.selectTab(t,i):n&&Oo(n,i)})}set hass(e){let t=!this.api.hass&&e;this.api.hass=e,e&&(this._menuHidden=e.dockedSidebar===`always_hidden`,this._info||(this._admin=!!e.user?.is_admin),t&&this.loadInfo())}get hass(){return this.api.hass}async loadInfo(){try{let e=await this.api.info();this._info=e,this._admin=e.admin,this._infoError=null}catch(e){this._infoError=e}}connectedCallback(){super.connectedCallback(),this.api.hass&&(this._info||this._infoError)&&this.loadInfo(),this.startToastTimer(),window.addEventListener(`popstate`,this.onPopState)}disconnectedCallback(){super.disconnectedCallback(),this.pauseToastTimer(),window.removeEventListener(`popstate`,this.onPopState)}willUpdate(e){if(e.has(`route`)){let e=location.pathname===`${this.urlPrefix}${this.route?.path??``}`?location.search:``;this.show(wo(this.route?.path,e))}}updated(e){this.focusTabOnUpdate&&(this.focusTabOnUpdate=!1,this.renderRoot.querySelector(`#tab-${this.tab}`)?.focus());let t=e.get(`_view`);t&&t.tab!==this.tab&&this.renderRoot.querySelector(`main`)?.scrollTo?.({top:0})}get tab(){return this._view.tab}get urlPrefix(){return this.route?.prefix??`/${this.panel?.url_path??`pandora`}`}show(e){Do(e,this._view)||(this._view=e)}followLocation(){let e=this.urlPrefix,t=location.pathname;(t===e||t.startsWith(`${e}/`))&&this.show(wo(t.slice(e.length),location.search))}go(e,t=`push`){let n=Eo(this.urlPrefix,e),r=`${location.pathname}${location.search}`;this.show(e),n!==r&&(t===`back`&&history.state?.[Ao]===n?history.back():Oo(n,t!==`push`,t===`push`?{[Ao]:r}:null))}selectTab(e,t=!1){if(e!==this.tab){this.go({tab:e},t?`replace`:`push`);return}let{title:n,request:r,folder:i,...a}=this._view;Do(a,this._view)||this.go(a,t?`replace`:`push`)}onTabKey(e){let t=$.findIndex(e=>e.id===this.tab),n;switch(e.key){case`ArrowRight`:n=(t+1)%$.length;break;case`ArrowLeft`:n=(t-1+$.length)%$.length;break;case`Home`:n=0;break;case`End`:n=$.length-1;break;default:return}e.preventDefault(),this.focusTabOnUpdate=!0,this.selectTab($[n].id),this.requestUpdate()}toggleMenu(){this.dispatchEvent(new CustomEvent(`hass-toggle-menu`,{detail:{},bubbles:!0,composed:!0}))}showToast(e){this._toast={...e,id:++this.toastId},this.toastLeft=e.action?jo*1.5:jo,this.startToastTimer()}startToastTimer(){clearTimeout(this.toastTimer),this.toastTimer=void 0,this._toast&&!this.openSheets.size&&this.isConnected&&(this.toastSince=Date.now(),this.toastTimer=setTimeout(()=>{this.toastTimer=void 0,this._toast=null},this.toastLeft))}pauseToastTimer(){this.toastTimer!==void 0&&(clearTimeout(this.toastTimer),this.toastTimer=void 0,this.toastLeft-=Date.now()-this.toastSince)}sheetOpened(e){e?.closed&&!this.openSheets.has(e)&&(this.pauseToastTimer(),this.openSheets.add(e),this._sheetOpen=!0,e.closed.then(()=>{this.openSheets.delete(e),this.openSheets.size||(this._sheetOpen=!1,this.toastLeft=Math.max(this.toastLeft,Mo),this.startToastTimer())}))}render(){let e=this.panel?.title||`Pandora`;return y`
      <header class="app-bar">
        <div class="bar-row">
          ${this.narrow||this._menuHidden?y`<button class="icon-btn menu" aria-label="Open the sidebar" @click=${this.toggleMenu}>
                ${I(qt)}
              </button>`:x}
          <h1>${e}</h1>
        </div>
        <div class="tabs" role="tablist" aria-label="${e} sections" @keydown=${this.onTabKey}>
          ${$.map(e=>y`<button
              id="tab-${e.id}"
              class="tab"
              role="tab"
              aria-selected=${this.tab===e.id?`true`:`false`}
              aria-controls=${this.tab===e.id?`panel-${e.id}`:x}
              tabindex=${this.tab===e.id?`0`:`-1`}
              @click=${()=>this.selectTab(e.id)}
            >
              ${I(e.icon)}<span>${e.label}</span>
            </button>`)}
        </div>
      </header>
      <main id="panel-${this.tab}" role="tabpanel" aria-labelledby="tab-${this.tab}">
        ${this.renderTab()}
      </main>
      <div class="toast-region" role="status" aria-live="polite">
        ${this._toast&&!this._sheetOpen?y`<div class="toast ${this._toast.kind??`info`}">
              <span class="toast-message">${this._toast.message}</span>
              ${this._toast.action&&this._toast.action.tab!==this.tab?y`<button
                    class="btn text"
                    @click=${()=>{let e=this._toast?.action?.tab;this._toast=null,this.focusTabOnUpdate=!0,this.selectTab(e)}}
                  >
                    ${this._toast.action.label}
                  </button>`:x}
              <button class="icon-btn" aria-label="Dismiss" @click=${()=>this._toast=null}>
                ${I(M)}
              </button>
            </div>`:x}
      </div>
    `}renderTab(){if(this._infoError)return y`${H(`Pandora is not available`,this._infoError,()=>void this.loadInfo())}
        <p class="hint">
          Check that the Pandora integration is set up and loaded in Settings → Devices &amp;
          services.
        </p>`;if(this._info?.loaded===!1)return U(A,`Pandora is not loaded`,y`Pandora's integration is not running. Check it in
          <span class="path">Settings → Devices &amp; services → Pandora</span>, then try again.`,y`<button class="btn" @click=${()=>void this.loadInfo()}>
          ${I(F)} Try again
        </button>`);if(!this.hass)return y`<div class="state">${I(Yt)}<p>Connecting…</p></div>`;let e={api:this.api,info:this._info,admin:this._admin,narrow:this.narrow},t=this._view;switch(this.tab){case`requests`:return y`<pandora-panel-requests
          .api=${e.api}
          .info=${e.info}
          .openRequest=${t.request??null}
          .filter=${t.filter??null}
          ?admin=${e.admin}
          ?narrow=${e.narrow}
        ></pandora-panel-requests>`;case`downloads`:return y`<pandora-panel-downloads
          .api=${e.api}
          .info=${e.info}
          .filter=${t.filter??null}
          .sort=${t.sort??null}
          ?admin=${e.admin}
          ?narrow=${e.narrow}
        ></pandora-panel-downloads>`;case`files`:return y`<pandora-panel-files
          .api=${e.api}
          .info=${e.info}
          .folder=${t.folder??`/`}
          .shareId=${t.share??null}
          ?admin=${e.admin}
          ?narrow=${e.narrow}
        ></pandora-panel-files>`;case`library`:return y`<pandora-panel-library
          .api=${e.api}
          .info=${e.info}
          ?admin=${e.admin}
          ?narrow=${e.narrow}
        ></pandora-panel-library>`;case`containers`:return y`<pandora-panel-containers
          .api=${e.api}
          .info=${e.info}
          ?admin=${e.admin}
          ?narrow=${e.narrow}
        ></pandora-panel-containers>`;default:return y`<pandora-panel-discover
          .api=${e.api}
          .info=${e.info}
          .openTitle=${t.title??null}
          .search=${t.q??``}
          ?admin=${e.admin}
          ?narrow=${e.narrow}
        ></pandora-panel-discover>`}}static{this.styles=ko}};D(`pandora-panel`,No);export{No as PandoraPanel,$ as TABS};