/*! Pandora cards for Home Assistant. Bundles Lit (BSD-3-Clause, Google LLC) and Material Design Icons paths from @mdi/js (Apache-2.0, Pictogrammers). */
var e=globalThis,t=e.ShadowRoot&&(e.ShadyCSS===void 0||e.ShadyCSS.nativeShadow)&&`adoptedStyleSheets`in Document.prototype&&`replace`in CSSStyleSheet.prototype,n=Symbol(),r=new WeakMap,i=class{constructor(e,t,r){if(this._$cssResult$=!0,r!==n)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,n=this.t;if(t&&e===void 0){let t=n!==void 0&&n.length===1;t&&(e=r.get(n)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),t&&r.set(n,e))}return e}toString(){return this.cssText}},a=e=>new i(typeof e==`string`?e:e+``,void 0,n),o=(e,...t)=>new i(e.length===1?e[0]:t.reduce((t,n,r)=>t+(e=>{if(!0===e._$cssResult$)return e.cssText;if(typeof e==`number`)return e;throw Error(`Value passed to 'css' function must be a 'css' function result: `+e+`. Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.`)})(n)+e[r+1],e[0]),e,n),s=(n,r)=>{if(t)n.adoptedStyleSheets=r.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let t of r){let r=document.createElement(`style`),i=e.litNonce;i!==void 0&&r.setAttribute(`nonce`,i),r.textContent=t.cssText,n.appendChild(r)}},c=t?e=>e:e=>e instanceof CSSStyleSheet?(e=>{let t=``;for(let n of e.cssRules)t+=n.cssText;return a(t)})(e):e,{is:l,defineProperty:u,getOwnPropertyDescriptor:d,getOwnPropertyNames:f,getOwnPropertySymbols:p,getPrototypeOf:m}=Object,h=globalThis,g=h.trustedTypes,ee=g?g.emptyScript:``,te=h.reactiveElementPolyfillSupport,_=(e,t)=>e,ne={toAttribute(e,t){switch(t){case Boolean:e=e?ee:null;break;case Object:case Array:e=e==null?e:JSON.stringify(e)}return e},fromAttribute(e,t){let n=e;switch(t){case Boolean:n=e!==null;break;case Number:n=e===null?null:Number(e);break;case Object:case Array:try{n=JSON.parse(e)}catch{n=null}}return n}},re=(e,t)=>!l(e,t),ie={attribute:!0,type:String,converter:ne,reflect:!1,useDefault:!1,hasChanged:re};Symbol.metadata??=Symbol(`metadata`),h.litPropertyMetadata??=new WeakMap;var v=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=ie){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let n=Symbol(),r=this.getPropertyDescriptor(e,n,t);r!==void 0&&u(this.prototype,e,r)}}static getPropertyDescriptor(e,t,n){let{get:r,set:i}=d(this.prototype,e)??{get(){return this[t]},set(e){this[t]=e}};return{get:r,set(t){let a=r?.call(this);i?.call(this,t),this.requestUpdate(e,a,n)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??ie}static _$Ei(){if(this.hasOwnProperty(_(`elementProperties`)))return;let e=m(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(_(`finalized`)))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(_(`properties`))){let e=this.properties,t=[...f(e),...p(e)];for(let n of t)this.createProperty(n,e[n])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[e,n]of t)this.elementProperties.set(e,n)}this._$Eh=new Map;for(let[e,t]of this.elementProperties){let n=this._$Eu(e,t);n!==void 0&&this._$Eh.set(n,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let n=new Set(e.flat(1/0).reverse());for(let e of n)t.unshift(c(e))}else e!==void 0&&t.push(c(e));return t}static _$Eu(e,t){let n=t.attribute;return!1===n?void 0:typeof n==`string`?n:typeof e==`string`?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let n of t.keys())this.hasOwnProperty(n)&&(e.set(n,this[n]),delete this[n]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return s(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,n){this._$AK(e,n)}_$ET(e,t){let n=this.constructor.elementProperties.get(e),r=this.constructor._$Eu(e,n);if(r!==void 0&&!0===n.reflect){let i=(n.converter?.toAttribute===void 0?ne:n.converter).toAttribute(t,n.type);this._$Em=e,i==null?this.removeAttribute(r):this.setAttribute(r,i),this._$Em=null}}_$AK(e,t){let n=this.constructor,r=n._$Eh.get(e);if(r!==void 0&&this._$Em!==r){let e=n.getPropertyOptions(r),i=typeof e.converter==`function`?{fromAttribute:e.converter}:e.converter?.fromAttribute===void 0?ne:e.converter;this._$Em=r;let a=i.fromAttribute(t,e.type);this[r]=a??this._$Ej?.get(r)??a,this._$Em=null}}requestUpdate(e,t,n,r=!1,i){if(e!==void 0){let a=this.constructor;if(!1===r&&(i=this[e]),n??=a.getPropertyOptions(e),!((n.hasChanged??re)(i,t)||n.useDefault&&n.reflect&&i===this._$Ej?.get(e)&&!this.hasAttribute(a._$Eu(e,n))))return;this.C(e,t,n)}!1===this.isUpdatePending&&(this._$ES=this._$EP())}C(e,t,{useDefault:n,reflect:r,wrapped:i},a){n&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,a??t??this[e]),!0!==i||a!==void 0)||(this._$AL.has(e)||(this.hasUpdated||n||(t=void 0),this._$AL.set(e,t)),!0===r&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[e,t]of this._$Ep)this[e]=t;this._$Ep=void 0}let e=this.constructor.elementProperties;if(e.size>0)for(let[t,n]of e){let{wrapped:e}=n,r=this[t];!0!==e||this._$AL.has(t)||r===void 0||this.C(t,void 0,n,r)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(e=>e.hostUpdate?.()),this.update(t)):this._$EM()}catch(t){throw e=!1,this._$EM(),t}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(e){}firstUpdated(e){}};v.elementStyles=[],v.shadowRootOptions={mode:`open`},v[_(`elementProperties`)]=new Map,v[_(`finalized`)]=new Map,te?.({ReactiveElement:v}),(h.reactiveElementVersions??=[]).push(`2.1.2`);var ae=globalThis,oe=e=>e,y=ae.trustedTypes,se=y?y.createPolicy(`lit-html`,{createHTML:e=>e}):void 0,ce=`$lit$`,b=`lit$${Math.random().toFixed(9).slice(2)}$`,le=`?`+b,ue=`<${le}>`,x=document,S=()=>x.createComment(``),C=e=>e===null||typeof e!=`object`&&typeof e!=`function`,de=Array.isArray,fe=e=>de(e)||typeof e?.[Symbol.iterator]==`function`,pe=`[ 	
\f\r]`,w=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,me=/-->/g,he=/>/g,T=RegExp(`>|${pe}(?:([^\\s"'>=/]+)(${pe}*=${pe}*(?:[^ \t\n\f\r"'\`<>=]|("|')|))|$)`,`g`),ge=/'/g,_e=/"/g,ve=/^(?:script|style|textarea|title)$/i,E=(e=>(t,...n)=>({_$litType$:e,strings:t,values:n}))(1),D=Symbol.for(`lit-noChange`),O=Symbol.for(`lit-nothing`),ye=new WeakMap,k=x.createTreeWalker(x,129);function be(e,t){if(!de(e)||!e.hasOwnProperty(`raw`))throw Error(`invalid template strings array`);return se===void 0?t:se.createHTML(t)}var xe=(e,t)=>{let n=e.length-1,r=[],i,a=t===2?`<svg>`:t===3?`<math>`:``,o=w;for(let t=0;t<n;t++){let n=e[t],s,c,l=-1,u=0;for(;u<n.length&&(o.lastIndex=u,c=o.exec(n),c!==null);)u=o.lastIndex,o===w?c[1]===`!--`?o=me:c[1]===void 0?c[2]===void 0?c[3]!==void 0&&(o=T):(ve.test(c[2])&&(i=RegExp(`</`+c[2],`g`)),o=T):o=he:o===T?c[0]===`>`?(o=i??w,l=-1):c[1]===void 0?l=-2:(l=o.lastIndex-c[2].length,s=c[1],o=c[3]===void 0?T:c[3]===`"`?_e:ge):o===_e||o===ge?o=T:o===me||o===he?o=w:(o=T,i=void 0);let d=o===T&&e[t+1].startsWith(`/>`)?` `:``;a+=o===w?n+ue:l>=0?(r.push(s),n.slice(0,l)+ce+n.slice(l)+b+d):n+b+(l===-2?t:d)}return[be(e,a+(e[n]||`<?>`)+(t===2?`</svg>`:t===3?`</math>`:``)),r]},Se=class e{constructor({strings:t,_$litType$:n},r){let i;this.parts=[];let a=0,o=0,s=t.length-1,c=this.parts,[l,u]=xe(t,n);if(this.el=e.createElement(l,r),k.currentNode=this.el.content,n===2||n===3){let e=this.el.content.firstChild;e.replaceWith(...e.childNodes)}for(;(i=k.nextNode())!==null&&c.length<s;){if(i.nodeType===1){if(i.hasAttributes())for(let e of i.getAttributeNames())if(e.endsWith(ce)){let t=u[o++],n=i.getAttribute(e).split(b),r=/([.?@])?(.*)/.exec(t);c.push({type:1,index:a,name:r[2],strings:n,ctor:r[1]===`.`?we:r[1]===`?`?Te:r[1]===`@`?Ee:M}),i.removeAttribute(e)}else e.startsWith(b)&&(c.push({type:6,index:a}),i.removeAttribute(e));if(ve.test(i.tagName)){let e=i.textContent.split(b),t=e.length-1;if(t>0){i.textContent=y?y.emptyScript:``;for(let n=0;n<t;n++)i.append(e[n],S()),k.nextNode(),c.push({type:2,index:++a});i.append(e[t],S())}}}else if(i.nodeType===8){if(i.data===le)c.push({type:2,index:a});else{let e=-1;for(;(e=i.data.indexOf(b,e+1))!==-1;)c.push({type:7,index:a}),e+=b.length-1}}a++}}static createElement(e,t){let n=x.createElement(`template`);return n.innerHTML=e,n}};function A(e,t,n=e,r){if(t===D)return t;let i=r===void 0?n._$Cl:n._$Co?.[r],a=C(t)?void 0:t._$litDirective$;return i?.constructor!==a&&(i?._$AO?.(!1),a===void 0?i=void 0:(i=new a(e),i._$AT(e,n,r)),r===void 0?n._$Cl=i:(n._$Co??=[])[r]=i),i!==void 0&&(t=A(e,i._$AS(e,t.values),i,r)),t}var Ce=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:n}=this._$AD,r=(e?.creationScope??x).importNode(t,!0);k.currentNode=r;let i=k.nextNode(),a=0,o=0,s=n[0];for(;s!==void 0;){if(a===s.index){let t;s.type===2?t=new j(i,i.nextSibling,this,e):s.type===1?t=new s.ctor(i,s.name,s.strings,this,e):s.type===6&&(t=new De(i,this,e)),this._$AV.push(t),s=n[++o]}a!==s?.index&&(i=k.nextNode(),a++)}return k.currentNode=x,r}p(e){let t=0;for(let n of this._$AV)n!==void 0&&(n.strings===void 0?n._$AI(e[t]):(n._$AI(e,n,t),t+=n.strings.length-2)),t++}},j=class e{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,n,r){this.type=2,this._$AH=O,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=n,this.options=r,this._$Cv=r?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=A(this,e,t),C(e)?e===O||e==null||e===``?(this._$AH!==O&&this._$AR(),this._$AH=O):e!==this._$AH&&e!==D&&this._(e):e._$litType$===void 0?e.nodeType===void 0?fe(e)?this.k(e):this._(e):this.T(e):this.$(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==O&&C(this._$AH)?this._$AA.nextSibling.data=e:this.T(x.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:n}=e,r=typeof n==`number`?this._$AC(e):(n.el===void 0&&(n.el=Se.createElement(be(n.h,n.h[0]),this.options)),n);if(this._$AH?._$AD===r)this._$AH.p(t);else{let e=new Ce(r,this),n=e.u(this.options);e.p(t),this.T(n),this._$AH=e}}_$AC(e){let t=ye.get(e.strings);return t===void 0&&ye.set(e.strings,t=new Se(e)),t}k(t){de(this._$AH)||(this._$AH=[],this._$AR());let n=this._$AH,r,i=0;for(let a of t)i===n.length?n.push(r=new e(this.O(S()),this.O(S()),this,this.options)):r=n[i],r._$AI(a),i++;i<n.length&&(this._$AR(r&&r._$AB.nextSibling,i),n.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let t=oe(e).nextSibling;oe(e).remove(),e=t}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},M=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,n,r,i){this.type=1,this._$AH=O,this._$AN=void 0,this.element=e,this.name=t,this._$AM=r,this.options=i,n.length>2||n[0]!==``||n[1]!==``?(this._$AH=Array(n.length-1).fill(new String),this.strings=n):this._$AH=O}_$AI(e,t=this,n,r){let i=this.strings,a=!1;if(i===void 0)e=A(this,e,t,0),a=!C(e)||e!==this._$AH&&e!==D,a&&(this._$AH=e);else{let r=e,o,s;for(e=i[0],o=0;o<i.length-1;o++)s=A(this,r[n+o],t,o),s===D&&(s=this._$AH[o]),a||=!C(s)||s!==this._$AH[o],s===O?e=O:e!==O&&(e+=(s??``)+i[o+1]),this._$AH[o]=s}a&&!r&&this.j(e)}j(e){e===O?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??``)}},we=class extends M{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===O?void 0:e}},Te=class extends M{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==O)}},Ee=class extends M{constructor(e,t,n,r,i){super(e,t,n,r,i),this.type=5}_$AI(e,t=this){if((e=A(this,e,t,0)??O)===D)return;let n=this._$AH,r=e===O&&n!==O||e.capture!==n.capture||e.once!==n.once||e.passive!==n.passive,i=e!==O&&(n===O||r);r&&this.element.removeEventListener(this.name,this,n),i&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH==`function`?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},De=class{constructor(e,t,n){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=n}get _$AU(){return this._$AM._$AU}_$AI(e){A(this,e)}},Oe={M:ce,P:b,A:le,C:1,L:xe,R:Ce,D:fe,V:A,I:j,H:M,N:Te,U:Ee,B:we,F:De},ke=ae.litHtmlPolyfillSupport;ke?.(Se,j),(ae.litHtmlVersions??=[]).push(`3.3.3`);var Ae=(e,t,n)=>{let r=n?.renderBefore??t,i=r._$litPart$;if(i===void 0){let e=n?.renderBefore??null;r._$litPart$=i=new j(t.insertBefore(S(),e),e,void 0,n??{})}return i._$AI(e),i},je=globalThis,N=class extends v{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=Ae(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return D}};N._$litElement$=!0,N.finalized=!0,je.litElementHydrateSupport?.({LitElement:N});var Me=je.litElementPolyfillSupport;Me?.({LitElement:N}),(je.litElementVersions??=[]).push(`4.2.2`);var Ne={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},Pe=e=>(...t)=>({_$litDirective$:e,values:t}),Fe=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,n){this._$Ct=e,this._$AM=t,this._$Ci=n}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}},{I:Ie}=Oe,Le=e=>e,Re=()=>document.createComment(``),P=(e,t,n)=>{let r=e._$AA.parentNode,i=t===void 0?e._$AB:t._$AA;if(n===void 0)n=new Ie(r.insertBefore(Re(),i),r.insertBefore(Re(),i),e,e.options);else{let t=n._$AB.nextSibling,a=n._$AM,o=a!==e;if(o){let t;n._$AQ?.(e),n._$AM=e,n._$AP!==void 0&&(t=e._$AU)!==a._$AU&&n._$AP(t)}if(t!==i||o){let e=n._$AA;for(;e!==t;){let t=Le(e).nextSibling;Le(r).insertBefore(e,i),e=t}}}return n},F=(e,t,n=e)=>(e._$AI(t,n),e),ze={},Be=(e,t=ze)=>e._$AH=t,Ve=e=>e._$AH,He=e=>{e._$AR(),e._$AA.remove()},Ue=(e,t,n)=>{let r=new Map;for(let i=t;i<=n;i++)r.set(e[i],i);return r},We=Pe(class extends Fe{constructor(e){if(super(e),e.type!==Ne.CHILD)throw Error(`repeat() can only be used in text expressions`)}dt(e,t,n){let r;n===void 0?n=t:t!==void 0&&(r=t);let i=[],a=[],o=0;for(let t of e)i[o]=r?r(t,o):o,a[o]=n(t,o),o++;return{values:a,keys:i}}render(e,t,n){return this.dt(e,t,n).values}update(e,[t,n,r]){let i=Ve(e),{values:a,keys:o}=this.dt(t,n,r);if(!Array.isArray(i))return this.ut=o,a;let s=this.ut??=[],c=[],l,u,d=0,f=i.length-1,p=0,m=a.length-1;for(;d<=f&&p<=m;)if(i[d]===null)d++;else if(i[f]===null)f--;else if(s[d]===o[p])c[p]=F(i[d],a[p]),d++,p++;else if(s[f]===o[m])c[m]=F(i[f],a[m]),f--,m--;else if(s[d]===o[m])c[m]=F(i[d],a[m]),P(e,c[m+1],i[d]),d++,m--;else if(s[f]===o[p])c[p]=F(i[f],a[p]),P(e,i[d],i[f]),f--,p++;else if(l===void 0&&(l=Ue(o,p,m),u=Ue(s,d,f)),l.has(s[d])){if(l.has(s[f])){let t=u.get(o[p]),n=t===void 0?null:i[t];if(n===null){let t=P(e,i[d]);F(t,a[p]),c[p]=t}else c[p]=F(n,a[p]),P(e,i[d],n),i[t]=null;p++}else He(i[f]),f--}else He(i[d]),d++;for(;p<=m;){let t=P(e,c[m+1]);F(t,a[p]),c[p++]=t}for(;d<=f;){let e=i[d++];e!==null&&He(e)}return this.ut=o,Be(e,c),D}}),Ge=e=>e??O;function Ke(e,t,n=e=>import(e)){let r=new URL(e).searchParams.get(`panel`);if(!r||t.split(`/`).filter(Boolean)[0]!==`pandora`)return null;let i=new URL(`pandora-panel.js?v=${encodeURIComponent(r)}`,e).href;return n(i).catch(()=>void 0),i}var qe=[`trending_day`,`trending_week`,`popular_movies`,`popular_tv`,`top_rated_movies`,`upcoming_movies`,`now_playing_movies`,`on_the_air_tv`],Je={trending_day:`Trending today`,trending_week:`Trending this week`,popular_movies:`Popular movies`,popular_tv:`Popular TV`,top_rated_movies:`Top rated movies`,upcoming_movies:`Upcoming movies`,now_playing_movies:`Now in cinemas`,on_the_air_tv:`On TV now`},Ye=new Map;function Xe(e,t=Date.now()){let n=Ye.get(e);if(Ye.delete(e),!(!n||t-n.at>3e4))return n.value}var Ze=`home`,Qe=(e,t=1)=>`discover:${e}:${t}`,$e=6e5;function et(e){if(e&&typeof e==`object`){let t=e.message;if(typeof t==`string`&&t)return t;let n=e.code;if(typeof n==`string`&&n)return n}return typeof e==`string`&&e?e:`Something went wrong.`}function I(e){return`${e.instance}\u0000${e.hash}`}function tt(){return{torrents:new Map,instances:{},unavailable:[],notices:{},loaded:!1}}function nt(e,t){let n=e.torrents;if(e.unavailable=[...t.unavailable??[]],(t.full||t.notices)&&(e.notices={...t.notices??{}}),e.loaded=!0,t.full){n.clear();let r=e.instances={...t.instances??{}},[i,a,o,s,c,l,u,d,f,p,m,h]=[`instance`,`hash`,`name`,`state`,`status`,`progress`,`size`,`download_speed`,`upload_speed`,`eta`,`added`,`held`].map(e=>t.fields.indexOf(e));for(let e of t.rows??[]){let t=e[i],g={instance:t,instance_title:r[t]??t,hash:e[a],name:e[o],state:e[s],status:e[c],progress:e[l],size:e[u],download_speed:e[d],upload_speed:e[f],eta:e[p]??null,added:e[m]??null,held:e[h]??null};n.set(I(g),g)}return null}let r=[];for(let e of t.removed??[]){let t=I(e),i=n.get(t);i&&n.delete(t)&&r.push({key:t,before:i})}for(let i of t.torrents??[]){let t=I(i),a=n.get(t),o=a?{...a,...i}:{instance_title:e.instances[i.instance]??i.instance,...i};n.set(t,o),r.push({key:t,before:a,after:o})}return r}var rt=class{constructor(e,t,n,r){this.closed=!1,this.unsubscribe=e.connection.subscribeMessage(e=>{this.closed||n(e)},t).catch(e=>{this.closed||r(e)})}get active(){return!this.closed}async close(){if(this.closed)return;this.closed=!0;let e=await this.unsubscribe;try{await e?.()}catch{}}},it=class extends rt{constructor(e,t,n){super(e,{type:`pandora/torrents/subscribe`},e=>t(this.state,nt(this.state,e)),n),this.state=tt()}},at=class{constructor(e,t=Date.now){this.now=t,this.cache=new Map,this.hass=e}get language(){return this.hass?.locale?.language??this.hass?.language??`en`}call(e){return this.hass?this.hass.callWS(e):Promise.reject(Error(`Not connected to Home Assistant.`))}cached(e,t){let n=this.now(),r=this.cache.get(e);if(r&&r.expires>n)return r.value;let i=t();return this.cache.set(e,{expires:n+$e,value:i}),i.catch(()=>{this.cache.get(e)?.value===i&&this.cache.delete(e)}),i}clearCache(){this.cache.clear()}callEarly(e,t){let n=Xe(e,this.now());return n?n.catch(()=>this.call(t)):this.call(t)}info(){return this.callEarly(`info`,{type:`pandora/info`})}discover(e,t=1){let n=Qe(e,t);return this.cached(n,()=>this.callEarly(n,{type:`pandora/discover`,list:e,page:t}))}searchMedia(e,t=1){return this.call({type:`pandora/search_media`,query:e,page:t})}media(e,t){return this.cached(`media:${t}:${e}`,()=>this.call({type:`pandora/media`,tmdb_id:e,media_type:t}))}forgetMedia(e,t){this.cache.delete(`media:${t}:${e}`)}home(){return this.callEarly(Ze,{type:`pandora/home`})}watchlist(){return this.call({type:`pandora/watchlist/list`})}addToWatchlist(e,t){return this.forgetMedia(e,t),this.call({type:`pandora/watchlist/add`,tmdb_id:e,media_type:t})}removeFromWatchlist(e,t){return this.forgetMedia(e,t),this.call({type:`pandora/watchlist/remove`,tmdb_id:e,media_type:t})}setFeatured(e,t){return this.call({type:`pandora/featured/set`,tmdb_id:e,media_type:t})}clearFeatured(){return this.call({type:`pandora/featured/clear`})}play(e){let t=`item_id`in e?{item_id:e.item_id,instance:e.instance}:{tmdb_id:e.tmdb_id,media_type:e.media_type};return this.call({type:`pandora/play`,entity_id:e.entity_id,...t})}searchTorrents(e){return this.call({type:`pandora/torrents/search`,...e})}addTorrent(e){return this.call({type:`pandora/torrents/add`,...e})}torrentAction(e){return this.call({type:`pandora/torrents/action`,...e})}history(e=50){return this.call({type:`pandora/history`,limit:e})}listFiles(e,t){return this.call({type:`pandora/files/list`,path:e,...t?{instance:t}:{}})}moveFiles(e){return this.call({type:`pandora/files/move`,...e})}deleteFiles(e,t){return this.call({type:`pandora/files/delete`,paths:e,...t?{instance:t}:{}})}scanLibrary(e,t){return this.call({type:`pandora/library/scan`,library:e,...t?{instance:t}:{}})}restartContainer(e,t){return this.call({type:`pandora/containers/restart`,container:e,...t?{instance:t}:{}})}containerLogs(e,t,n){return this.call({type:`pandora/containers/logs`,container:e,tail:t,...n?{instance:n}:{}})}redeployStack(e,t){return this.call({type:`pandora/stacks/redeploy`,stack:e,...t?{instance:t}:{}})}setVpnCountry(e,t){return this.call({type:`pandora/vpn/country`,country:e,...t?{instance:t}:{}})}requestMedia(e){let{tmdb_id:t,media_type:n,seasons:r}=e;return this.call({type:`pandora/requests/create`,tmdb_id:t,media_type:n,...n===`tv`&&r?.length?{seasons:r}:{}})}approveRequest(e){return this.call({type:`pandora/requests/approve`,request_id:e})}denyRequest(e,t){let n=t?.trim();return this.call({type:`pandora/requests/deny`,request_id:e,...n?{reason:n}:{}})}retryRequest(e){return this.call({type:`pandora/requests/retry`,request_id:e})}withdrawRequest(e){return this.call({type:`pandora/requests/withdraw`,request_id:e})}listRequests(e={}){return this.call({type:`pandora/requests/list`,...e.status?.length?{status:e.status}:{},...e.limit?{limit:e.limit}:{}})}subscribe(e,t,n){if(!this.hass)throw Error(`Not connected to Home Assistant.`);return new rt(this.hass,{type:e},t,n)}subscribeTorrents(e,t){if(!this.hass)throw Error(`Not connected to Home Assistant.`);return new it(this.hass,e,t)}},ot=`M11,15H13V17H11V15M11,7H13V13H11V7M12,2C6.47,2 2,6.5 2,12A10,10 0 0,0 12,22A10,10 0 0,0 22,12A10,10 0 0,0 12,2M12,20A8,8 0 0,1 4,12A8,8 0 0,1 12,4A8,8 0 0,1 20,12A8,8 0 0,1 12,20Z`,st=`M11,4H13V16L18.5,10.5L19.92,11.92L12,19.84L4.08,11.92L5.5,10.5L11,16V4Z`,ct=`M13,20H11V8L5.5,13.5L4.08,12.08L12,4.16L19.92,12.08L18.5,13.5L13,8V20Z`,lt=`M21,7L9,19L3.5,13.5L4.91,12.09L9,16.17L19.59,5.59L21,7Z`,ut=`M12 2C6.5 2 2 6.5 2 12S6.5 22 12 22 22 17.5 22 12 17.5 2 12 2M10 17L5 12L6.41 10.59L10 14.17L17.59 6.58L19 8L10 17Z`,dt=`M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19M8,9H16V19H8V9M15.5,4L14.5,3H9.5L8.5,4H5V6H19V4H15.5Z`,ft=`M14,2H6A2,2 0 0,0 4,4V20A2,2 0 0,0 6,22H18A2,2 0 0,0 20,20V8L14,2M18,20H6V4H13V9H18V20Z`,pt=`M14,2L20,8V20A2,2 0 0,1 18,22H6A2,2 0 0,1 4,20V4A2,2 0 0,1 6,2H14M18,20V9H13V4H6V20H18M16,18L13.5,16.3V18H8V13H13.5V14.7L16,13V18Z`,mt=`M13 19C13 19.34 13.04 19.67 13.09 20H4C2.9 20 2 19.11 2 18V6C2 4.89 2.89 4 4 4H10L12 6H20C21.1 6 22 6.89 22 8V13.81C21.39 13.46 20.72 13.22 20 13.09V8H4V18H13.09C13.04 18.33 13 18.66 13 19M21.34 15.84L17.75 19.43L16.16 17.84L15 19L17.75 22L22.5 17.25L21.34 15.84Z`,ht=`M20 18H4V8H20M20 6H12L10 4H4A2 2 0 0 0 2 6V18A2 2 0 0 0 4 20H20A2 2 0 0 0 22 18V8A2 2 0 0 0 20 6M14 9H16V13H19L15 17L11 13H14Z`,gt=`M20,18H4V8H20M20,6H12L10,4H4C2.89,4 2,4.89 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V8C22,6.89 21.1,6 20,6Z`,_t=`M20.84 2.18L16.91 2.96L19.65 6.5L21.62 6.1L20.84 2.18M13.97 3.54L12 3.93L14.75 7.46L16.71 7.07L13.97 3.54M9.07 4.5L7.1 4.91L9.85 8.44L11.81 8.05L9.07 4.5M4.16 5.5L3.18 5.69C2.1 5.9 1.39 6.96 1.61 8.04L2 10L6.9 9.03L4.16 5.5M20 12V20H4V12H20M22 10H2V20C2 21.11 2.9 22 4 22H20C21.11 22 22 21.11 22 20V10Z`,vt=`M14,3V5H17.59L7.76,14.83L9.17,16.24L19,6.41V10H21V3M19,19H5V5H12V3H5C3.89,3 3,3.9 3,5V19A2,2 0 0,0 5,21H19A2,2 0 0,0 21,19V12H19V19Z`,yt=`M14,19H18V5H14M6,19H10V5H6V19Z`,bt=`M8,5.14V19.14L19,12.14L8,5.14Z`,xt=`M19,13H13V19H11V13H5V11H11V5H13V11H19V13Z`,St=`M17.65,6.35C16.2,4.9 14.21,4 12,4A8,8 0 0,0 4,12A8,8 0 0,0 12,20C15.73,20 18.84,17.45 19.73,14H17.65C16.83,16.33 14.61,18 12,18A6,6 0 0,1 6,12A6,6 0 0,1 12,6C13.66,6 15.14,6.69 16.22,7.78L13,11H20V4L17.65,6.35Z`,Ct=`M12,17.27L18.18,21L16.54,13.97L22,9.24L14.81,8.62L12,2L9.19,8.62L2,9.24L7.45,13.97L5.82,21L12,17.27Z`,wt=`M2 12H4V17H20V12H22V17C22 18.11 21.11 19 20 19H4C2.9 19 2 18.11 2 17V12M12 15L17.55 9.54L16.13 8.13L13 11.25V2H11V11.25L7.88 8.13L6.46 9.55L12 15Z`;function L(e,t){return E`<svg
    class="icon"
    viewBox="0 0 24 24"
    focusable="false"
    role=${t?`img`:O}
    aria-label=${t??O}
    aria-hidden=${t?O:`true`}
  >
    <path d=${e}></path>
  </svg>`}function Tt(e){if(!e)return;let t;try{t=new URL(e,document.baseURI)}catch{return}return t.protocol===`http:`||t.protocol===`https:`?e:void 0}var Et={discover:[`q`],requests:[`filter`],downloads:[`filter`,`sort`],files:[`share`],library:[],containers:[]};function Dt(e){return e.split(`/`).filter(e=>e&&e!==`.`).map(e=>`/${encodeURIComponent(e)}`).join(``)}function Ot(e){let t=`/${e.tab}`;e.tab===`discover`&&e.title?t+=`/${e.title.media_type}/${e.title.tmdb_id}`:e.tab===`requests`&&e.request?t+=`/${encodeURIComponent(e.request)}`:e.tab===`files`&&e.folder&&(t+=Dt(e.folder));let n=new URLSearchParams;for(let t of Et[e.tab]){let r=e[t];r&&n.set(t,r)}let r=n.toString();return r?`${t}?${r}`:t}var kt=`/pandora`;function At(e,t=!1,n=null){t?history.replaceState(history.state,``,e):history.pushState(n,``,e),window.dispatchEvent(new CustomEvent(`location-changed`,{detail:{replace:t},bubbles:!0,composed:!0}))}function jt(e,t=kt){return`${t}/discover/${e.media_type}/${e.tmdb_id}`}var Mt=`https://github.com/pandora-media/pandora`;function Nt(e){let t=window.customCards??=[];t.some(t=>t.type===e.type)||t.push({...e,preview:!0,documentationURL:Mt})}var R=class extends Error{constructor(e,t){super(`${e}: ${t}`),this.name=`ConfigError`}};function Pt(e,t){if(!t||typeof t!=`object`||Array.isArray(t))throw new R(e,`the configuration must be a mapping (key: value).`);return t}function z(e,t,n){let r=t[n];if(r!=null){if(typeof r!=`string`)throw new R(e,`${n} must be text.`);return r.trim()?r:void 0}}function Ft(e,...t){let n={...e};for(let e of t)delete n[e];return n}function It(e,t,n,r,i){let a=t[n];if(a==null)return i;if(typeof a!=`string`||!r.includes(a))throw new R(e,`${n} must be one of ${r.join(`, `)}.`);return a}function Lt(e,t,n,r){let i=t[n];if(i==null)return r.fallback;if(typeof i!=`number`||!Number.isInteger(i)||i<r.min||i>r.max)throw new R(e,`${n} must be a whole number from ${r.min} to ${r.max}.`);return i}var Rt=class extends N{static get properties(){return{_config:{state:!0}}}constructor(){if(super(),this.api=new at,Object.prototype.hasOwnProperty.call(this,`hass`)){let e=this.hass;delete this.hass,this.hass=e}}set hass(e){let t=!this.api.hass&&e;this.api.hass=e,t&&this.connected()}get hass(){return this.api.hass}setConfig(e){let t=this.checkConfig(e),n=this._config;this._config=t,this.configured(n)}connected(){this.requestUpdate()}configured(e){}frame(e,t,n={}){let r=n.link?`${kt}/${n.link}`:void 0,i=E`<div class="card-header">
        <h2 class="card-title">${e}</h2>
        ${n.tools??O}
        ${r?E`<a
              class="icon-btn"
              href=${Ge(Tt(r))}
              aria-label=${n.linkLabel??`Open in Pandora`}
              title=${n.linkLabel??`Open in Pandora`}
              @click=${e=>{e.ctrlKey||e.metaKey||e.shiftKey||e.button!==0||(e.preventDefault(),At(r))}}
              >${L(vt)}</a
            >`:O}
      </div>
      <div class="card-body">${t}</div>`;return customElements.get(`ha-card`)?E`<ha-card class="frame">${i}</ha-card>`:E`<div class="frame plain">${i}</div>`}},zt=o`
  :host {
    display: block;
    height: 100%;
  }
  .frame {
    display: flex;
    flex-direction: column;
    height: 100%;
    overflow: hidden;
  }
  .frame.plain {
    background: var(--_surface);
    border: var(--ha-card-border-width, 1px) solid var(--ha-card-border-color, var(--_divider));
    border-radius: var(--_radius);
    box-shadow: var(--ha-card-box-shadow, none);
    color: var(--_text);
  }
  .card-header {
    display: flex;
    align-items: center;
    gap: 4px;
    min-height: 52px;
    padding: 4px 4px 0 16px;
  }
  .card-title {
    flex: 1;
    min-width: 0;
    font-size: var(--ha-card-header-font-size, 1.2rem);
    font-weight: 500;
    line-height: 1.3;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .card-header a.icon-btn {
    color: var(--_text-2);
  }
  .card-body {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    padding: 4px 16px 16px;
  }
  .card-body .state {
    padding: 16px 8px;
  }
  .card-body .state > .icon {
    width: 40px;
    height: 40px;
  }
  .more {
    display: flex;
    justify-content: center;
    padding-top: 8px;
  }
`;function Bt(e){let t=new Map(e.map(e=>[e.name,e]));return{schema:e.map(({label:e,helper:t,...n})=>n),computeLabel:e=>t.get(e.name)?.label,computeHelper:e=>t.get(e.name)?.helper}}var B=()=>({text:{}});function Vt(e){return{select:{mode:`dropdown`,options:e.map(([e,t])=>({value:e,label:t}))}}}function Ht(e){return{number:{min:e.min,max:e.max,step:1,mode:`box`}}}function Ut(e,t){customElements.get(e)||customElements.define(e,t)}function Wt(e){let t=e.media_type===`tv`?`TV series`:`Movie`,n=[e.title,t];return e.year&&n.push(String(e.year)),e.rating>0&&n.push(`rated ${e.rating.toFixed(1)} out of 10`),e.in_library&&n.push(`in your library`),n.join(`, `)}function Gt(){return E`<span class="in-library">${L(ut)}In your library</span>`}function Kt(e,t){return E`<button
    class="list-toggle"
    aria-label="My List: ${e.title}"
    title=${t.inList?`Remove from My List`:`Add to My List`}
    aria-pressed=${t.inList?`true`:`false`}
    ?disabled=${t.busy}
    @click=${()=>t.toggle(e)}
  >
    <span class="list-toggle-face">${L(t.inList?lt:xt)}</span>
  </button>`}function qt(e){e.target.hidden=!0}function Jt(e,t,n){let r=E`<button
    class="card"
    aria-label=${Wt(e)}
    data-tmdb-id=${e.tmdb_id}
    @click=${()=>t(e)}
  >
    <div class="poster" aria-hidden="true">
      <div class="placeholder">${L(_t)}<span>${e.title}</span></div>
      ${e.poster_url?E`<img
            src=${e.poster_url}
            alt=""
            loading="lazy"
            decoding="async"
            width="342"
            height="513"
            @error=${qt}
          />`:O}
      ${e.rating>0?E`<span class="rating">${L(Ct)}${e.rating.toFixed(1)}</span>`:O}
      ${e.in_library?Gt():O}
    </div>
    <span class="title" aria-hidden="true">${e.title}</span>
    <span class="year" aria-hidden="true"
      >${e.year??``}${e.media_type===`tv`?E` · TV`:O}</span
    >
  </button>`;return n?E`<div class="card-wrap">${r}${Kt(e,n)}</div>`:r}function Yt(){return E`<div class="card" aria-hidden="true">
    <div class="poster skeleton"></div>
    <span class="skeleton line"></span>
    <span class="skeleton line short"></span>
  </div>`}var Xt=o`
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
`;function Zt(e,t,n){return E`<div class="state error" role="alert">
    ${L(ot)}
    <h3>${e}</h3>
    <p class="message">${et(t)}</p>
    ${n?E`<button class="btn" @click=${n}>${L(St)} Try again</button>`:O}
  </div>`}function Qt(e,t,n,r){return E`<div class="state">
    ${L(e)}
    <h3>${t}</h3>
    <p>${n}</p>
    ${r??O}
  </div>`}var $t=[o`
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
`,o`
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
`];o`
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
`,o`
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
`,o`
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
`,o`
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
`;var V=`pandora-discover-card`,H={min:1,max:20,fallback:10};function en(e){let t=Pt(V,e),n=z(V,t,`title`);return{...Ft(t,`title`),type:String(t.type??`custom:pandora-discover-card`),...n===void 0?{}:{title:n},list:It(V,t,`list`,qe,`trending_week`),max_items:Lt(V,t,`max_items`,H)}}var tn=class extends Rt{static get properties(){return{_load:{state:!0}}}constructor(){super(),this.requestId=0,this.open=e=>{At(jt(e))},this._load={status:`loading`}}static getStubConfig(){return{list:`trending_week`,max_items:10}}static getConfigForm(){return Bt([{name:`title`,label:`Title`,helper:`Shown at the top of the card. Empty: the list's name.`,selector:B()},{name:`list`,label:`List`,helper:`Which list of movies and shows from TMDB the row shows. Default: Trending this week.`,selector:Vt(qe.map(e=>[e,Je[e]])),default:`trending_week`},{name:`max_items`,label:`Number of posters`,helper:`${H.min} to ${H.max} (default ${H.fallback}); a poster opens its title in Pandora.`,selector:Ht(H),default:H.fallback}])}checkConfig(e){return en(e)}connected(){this.load()}configured(e){e?.list!==this._config?.list&&this.load()}getCardSize(){return 5}getGridOptions(){return{columns:12,rows:`auto`,min_columns:6,min_rows:4}}async load(){let e=this._config?.list;if(!e||!this.api.hass)return;let t=++this.requestId;this._load={status:`loading`};try{let n=await this.api.discover(e);t===this.requestId&&(this._load={status:`ready`,page:n})}catch(e){t===this.requestId&&(this._load={status:`error`,error:e})}}render(){let e=this._config;return e?this.frame(e.title??Je[e.list],this.renderBody(e),{link:`discover`,linkLabel:`Open Discover in Pandora`}):O}renderBody(e){let t=this._load;if(t.status===`error`)return Zt(`Could not load this list`,t.error,()=>{this.api.clearCache(),this.load()});if(t.status===`loading`)return E`<div class="posters" aria-busy="true" aria-label="Loading">
        ${[0,1,2,3,4].map(Yt)}
      </div>`;let n=t.page.results.slice(0,e.max_items);return n.length?E`<ul class="posters" aria-label=${e.title??Je[e.list]}>
      ${We(n,e=>`${e.media_type}:${e.tmdb_id}`,e=>E`<li>${Jt(e,this.open)}</li>`)}
    </ul>`:Qt(_t,`Nothing here right now`,`This list is empty at the moment.`)}static{this.styles=[...$t,zt,Xt,o`
      .card-body {
        padding: 4px 0 12px;
      }
      .posters {
        display: grid;
        grid-auto-flow: column;
        grid-auto-columns: var(--pb-card-width, 110px);
        gap: 10px;
        overflow-x: auto;
        overscroll-behavior-x: contain;
        scroll-snap-type: x proximity;
        scroll-padding: 0 16px;
        list-style: none;
        margin: 0;
        padding: 4px 16px 6px;
        scrollbar-width: thin;
      }
      .posters > * {
        scroll-snap-align: start;
      }
      .state {
        padding: 16px;
      }
    `]}};Ut(V,tn),Nt({type:V,name:`Pandora discover`,description:`A row of trending or popular movies and shows; a poster opens it in Pandora.`});var nn=[`B`,`kB`,`MB`,`GB`,`TB`,`PB`],rn=new Map;function an(e,t){let n=rn.get(e);if(n===void 0){try{n=t()}catch{n=null}rn.set(e,n)}return n}function on(e,t,n){let r=an(`number\u0000${t}\u0000${n}`,()=>new Intl.NumberFormat(t,{maximumFractionDigits:n}));return r?r.format(e):e.toFixed(n)}function U(e,t=`en`){if(e==null||!Number.isFinite(e)||e<0)return`—`;let n=e,r=0;for(;n>=1e3&&r<nn.length-1;)n/=1e3,r+=1;return`${on(n,t,r===0||n>=100?0:1)} ${nn[r]}`}function W(e,t=`en`){return`${U(e,t)}/s`}function sn(e,t=`en`){return e>=1?`${on(100,t,0)}%`:`${on(Math.floor(Math.max(0,e)*1e3)/10,t,1)}%`}function cn(e){if(e==null||!Number.isFinite(e)||e<0||e>=864e4)return`∞`;let t=Math.round(e);if(t<60)return`${t} s`;let n=Math.round(t/60);if(n<60)return`${n} min`;if(n<1440){let e=Math.floor(n/60),t=n%60;return t?`${e} h ${t} min`:`${e} h`}let r=Math.round(t/3600),i=Math.floor(r/24),a=r%24;return a?`${i} d ${a} h`:`${i} d`}var ln=[[`second`,60],[`minute`,60],[`hour`,24],[`day`,7],[`week`,4.35],[`month`,12],[`year`,1/0]];function un(e,t=`en`,n=Date.now()){if(!e)return``;let r=Date.parse(e);if(Number.isNaN(r))return``;let i=(r-n)/1e3;for(let[e,n]of ln){if(Math.abs(i)<n){let n=an(`relative\u0000${t}`,()=>new Intl.RelativeTimeFormat(t,{numeric:`auto`}));return n?n.format(Math.round(i),e):new Date(r).toLocaleString()}i/=n}return``}function dn(e,t=`en`){if(!e)return``;let n=Date.parse(e);if(Number.isNaN(n))return``;let r=an(`date\u0000${t}`,()=>new Intl.DateTimeFormat(t,{dateStyle:`medium`,timeStyle:`short`}));return r?r.format(n):new Date(n).toISOString()}var fn=class{constructor(e,t){this.host=e,this.options=t,this.value=null,this.error=null,this.subscription=null,e.addController(this)}get loaded(){return this.value!==null}hostConnected(){this.start()}hostUpdated(){this.start()}hostDisconnected(){this.stop()}start(){let e=this.options.api();if(!this.subscription&&!this.error&&this.host.isConnected&&e?.hass&&(!this.options.enabled||this.options.enabled()))try{let t=this.options.open(e,e=>{this.value=e,this.error=null,this.host.requestUpdate()},e=>{this.subscription===t&&(this.error=e,this.subscription=null,this.host.requestUpdate())});this.subscription=t}catch(e){this.error=e,this.host.requestUpdate()}}stop(){this.subscription?.close(),this.subscription=null}retry(){this.stop(),this.value=null,this.error=null,this.start(),this.host.requestUpdate()}},G=[[`all`,`All`],[`downloading`,`Downloading`],[`seeding`,`Seeding`],[`paused`,`Paused`],[`completed`,`Completed`],[`errored`,`Errored`]],pn=new Intl.Collator(void 0,{numeric:!0});function mn(e,t){return e.instance===t.instance?e.hash<t.hash?-1:+(e.hash>t.hash):e.instance<t.instance?-1:1}function hn(e){switch(e){case`name`:return(e,t)=>pn.compare(e.name,t.name)||mn(e,t);case`progress`:return(e,t)=>t.progress-e.progress||pn.compare(e.name,t.name)||mn(e,t);default:return(e,t)=>(t.added??0)-(e.added??0)||pn.compare(e.name,t.name)||mn(e,t)}}function K(e){return e.progress>=1}function gn(e,t){switch(t){case`all`:return!0;case`completed`:return K(e);default:return e.status===t}}var _n={downloading:`Downloading`,seeding:`Seeding`,paused:`Paused`,errored:`Error`,checking:`Checking`,queued:`Queued`,other:`Other`};function vn(e){return e.status===`paused`&&K(e)?`Completed`:e.status===`downloading`&&e.state.startsWith(`stalled`)?`Stalled`:e.status===`downloading`&&e.state.toLowerCase().includes(`meta`)?`Fetching metadata`:_n[e.status]??e.status}var yn={vpn:{label:`Held: VPN down`,reason:`Paused by the VPN guard: resumes when the VPN is healthy again.`},disk:{label:`Held: low disk space`,reason:`Paused by the disk guard: resumes when enough free space returns.`},goal:{label:`Seeding goal reached`,reason:`Paused because its seeding goal (ratio or time) was met.`}};function bn(e,t){let n=Math.min(100,Math.max(0,e.progress*100)),r=Math.round(e.size*Math.min(1,e.progress)),i=e.status===`downloading`;return{percent:n,valueNow:Math.floor(n*10)/10,percentText:sn(e.progress,t),sizeText:K(e)?U(e.size,t):`${U(r,t)} of ${U(e.size,t)}`,downloadSpeed:i||e.download_speed>0,uploadSpeed:e.upload_speed>0||e.status===`seeding`,eta:i&&e.download_speed>0}}var xn=new Set(G.map(([e])=>e).filter(e=>e!==`all`&&e!==`completed`));function Sn(){return Object.fromEntries(G.map(([e])=>[e,0]))}var Cn=class{constructor(){this.filter=`all`,this.sort=`added`,this.query=``,this.shown=[],this.counts=Sn(),this.total=0,this.down=0,this.up=0,this.ordered=[],this.perInstance=new Map,this.compare=hn(`added`)}reset(e){this.ordered=[...e].sort(this.compare),this.counts=Sn(),this.perInstance.clear(),this.down=this.up=0;for(let e of this.ordered)this.count(e,1);this.total=this.ordered.length,this.derive()}choose(e){let t=e.query?.trim().toLowerCase()??this.query,n=e.filter??this.filter,r=e.sort??this.sort;return n===this.filter&&r===this.sort&&t===this.query?!1:(r!==this.sort&&(this.sort=r,this.compare=hn(r),this.ordered=[...this.ordered].sort(this.compare)),this.filter=n,this.query=t,this.derive(),!0)}apply(e){if(!e.length)return;let t=[...this.ordered];for(let{before:n,after:r}of e){if(n){this.count(n,-1);let e=this.indexOf(t,n);e>=0&&t.splice(e,1)}r&&(this.count(r,1),t.splice(this.insertionPoint(t,r),0,r))}this.ordered=t,this.total=t.length,this.derive()}count(e,t){let n=this.counts;n.all+=t,K(e)&&(n.completed+=t),xn.has(e.status)&&(n[e.status]+=t),this.down+=t*e.download_speed,this.up+=t*e.upload_speed;let r=(this.perInstance.get(e.instance)??0)+t;r?this.perInstance.set(e.instance,r):this.perInstance.delete(e.instance)}get instances(){return this.perInstance.size}insertionPoint(e,t){let n=0,r=e.length;for(;n<r;){let i=n+r>>>1;this.compare(e[i],t)<0?n=i+1:r=i}return n}indexOf(e,t){let n=this.insertionPoint(e,t);return e[n]===t?n:e.indexOf(t)}derive(){let{filter:e,query:t}=this;this.shown=e===`all`&&!t?this.ordered:this.ordered.filter(n=>gn(n,e)&&(!t||n.name.toLowerCase().includes(t)))}};function wn(e,t){let{language:n}=t,r=bn(e,n),i=e.status===`paused`;return E`<li class="torrent status-${e.status}" data-hash=${e.hash}>
    <div class="torrent-top">
      <span class="status-chip"><span class="dot"></span>${vn(e)}</span>
      ${e.held?E`<span class="held-chip held-${e.held}" title=${yn[e.held].reason}
            >${yn[e.held].label}</span
          >`:O}
      ${t.showInstance?E`<span class="instance" title="qBittorrent">${e.instance_title}</span>`:O}
      ${t.admin?E`<span class="actions">
            ${i?E`<button
                  class="icon-btn"
                  aria-label="Resume ${e.name}"
                  title="Resume"
                  ?disabled=${t.busy}
                  @click=${()=>t.onResume(e)}
                >
                  ${L(bt)}
                </button>`:E`<button
                  class="icon-btn"
                  aria-label="Pause ${e.name}"
                  title="Pause"
                  ?disabled=${t.busy}
                  @click=${()=>t.onPause(e)}
                >
                  ${L(yt)}
                </button>`}
            <button
              class="icon-btn"
              aria-label="Remove ${e.name}"
              title="Remove"
              ?disabled=${t.busy}
              @click=${()=>t.onRemove(e)}
            >
              ${L(dt)}
            </button>
          </span>`:O}
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
      ${r.downloadSpeed?E`<span class="speed"
            >${L(st)}<span class="visually-hidden">Download speed</span
            >${W(e.download_speed,n)}</span
          >`:O}
      ${r.uploadSpeed?E`<span class="speed"
            >${L(ct)}<span class="visually-hidden">Upload speed</span
            >${W(e.upload_speed,n)}</span
          >`:O}
      ${r.eta?E`<span class="eta">ETA ${cn(e.eta)}</span>`:O}
    </p>
  </li>`}function Tn(){return E`<li class="torrent" aria-hidden="true">
    <div class="skeleton" style="height: 22px; width: 96px"></div>
    <div class="skeleton" style="height: 18px; width: 80%"></div>
    <div class="skeleton" style="height: 8px"></div>
  </li>`}var En=o`
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
`,q=`pandora-downloads-card`,Dn=G.map(([e])=>e),J={min:1,max:50,fallback:5};function On(e){return(G.find(([t])=>t===e)?.[1]??e).toLowerCase()}function kn(e){let t=Pt(q,e),n=z(q,t,`title`);return{...Ft(t,`title`),type:String(t.type??`custom:pandora-downloads-card`),...n===void 0?{}:{title:n},filter:It(q,t,`filter`,Dn,`all`),max_items:Lt(q,t,`max_items`,J)}}var An=class extends Rt{constructor(...e){super(...e),this.list=new Cn,this.feed=new fn(this,{api:()=>this.api,enabled:()=>!!this._config,open:(e,t,n)=>e.subscribeTorrents((e,n)=>{n===null?this.list.reset(e.torrents.values()):this.list.apply(n),t(e)},n)})}static getStubConfig(){return{title:`Downloads`,filter:`all`,max_items:5}}static getConfigForm(){return Bt([{name:`title`,label:`Title`,helper:`Shown at the top of the card. Empty: “Downloads”, or “Downloads: seeding” when filtered.`,selector:B()},{name:`filter`,label:`Torrents to show`,helper:`Only the torrents in this state, from every qBittorrent. Default: all of them.`,selector:Vt(G),default:`all`},{name:`max_items`,label:`Number of torrents`,helper:`The newest first, ${J.min} to ${J.max} (default ${J.fallback}); the card says how many more there are.`,selector:Ht(J),default:J.fallback}])}configured(){this._config&&this.list.choose({filter:this._config.filter})}checkConfig(e){return kn(e)}getCardSize(){return 1+2*Math.min(this._config?.max_items??J.fallback,10)}getGridOptions(){return{columns:12,rows:`auto`,min_columns:6,min_rows:2}}render(){let e=this._config;if(!e)return O;let t=e.title??(e.filter===`all`?`Downloads`:`Downloads: ${On(e.filter)}`);return this.frame(t,this.renderBody(e),{link:`downloads`,linkLabel:`Open Downloads in Pandora`})}renderBody(e){if(this.feed.error)return Zt(`Could not load the torrents`,this.feed.error,()=>this.feed.retry());let t=this.feed.value;if(!t)return E`<ul class="torrents" aria-busy="true" aria-label="Loading torrents">
        ${[0,1].map(Tn)}
      </ul>`;let n=this.list,r=n.shown,i=r.slice(0,e.max_items),a=this.api.language,o=n.instances>1;return E`
      ${t.unavailable.length?E`<p class="banner" role="status">
            ${L(ot)}<span
              >${t.unavailable.length===1?`A qBittorrent is`:`Some qBittorrents are`} not answering.</span
            >
          </p>`:O}
      <p class="summary">
        <span>${r.length} torrent${r.length===1?``:`s`}</span>
        <span class="speed"
          >${L(st)}<span class="visually-hidden">Total download speed</span>${W(n.down,a)}</span
        >
        <span class="speed"
          >${L(ct)}<span class="visually-hidden">Total upload speed</span>${W(n.up,a)}</span
        >
      </p>
      ${i.length?E`<ul class="torrents" aria-label="Torrents">
            ${We(i,e=>I(e),e=>wn(e,{admin:!1,showInstance:o,busy:!1,language:a,onPause:()=>void 0,onResume:()=>void 0,onRemove:()=>void 0}))}
          </ul>`:Qt(wt,n.total?`Nothing matches`:`No torrents`,n.total?`No torrent is ${On(e.filter)} right now.`:`Nothing is downloading right now.`)}
      ${r.length>i.length?E`<p class="more muted">and ${r.length-i.length} more</p>`:O}
    `}static{this.styles=[...$t,zt,En,o`
      .torrents {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .torrent {
        padding: 10px 12px;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 14px;
        margin-bottom: 8px;
        font-size: 0.85rem;
        color: var(--_text-2);
      }
      .summary .speed {
        color: var(--_text);
      }
      .summary .icon {
        width: 16px;
        height: 16px;
      }
      .banner {
        margin-bottom: 8px;
      }
      .muted {
        color: var(--_text-2);
        font-size: 0.85rem;
      }
    `]}};Ut(q,An),Nt({type:q,name:`Pandora downloads`,description:`Your torrents live: progress, speed and time left.`});var Y=Object.freeze({downloads:`/Downloads`,downloaded:`/Downloaded`,movies:`/Movies`,tv:`/TV Shows`}),jn=[`downloads`,`downloaded`,`movies`,`tv`];function Mn(e){let t=e?.folders??{},n={...Y};for(let e of jn){let r=t[e];typeof r==`string`&&r.trim()&&(n[e]=Q(r.trim()))}return n}function Nn(e,t){return Q(e).split(`/`).filter(Boolean).pop()??t}function Pn(e,t){return Q(e).toLowerCase()===Q(t).toLowerCase()}function X(e=Y){let t=[{path:e.downloads,label:Nn(e.downloads,`Downloads`),description:`In progress`,icon:ht},{path:e.downloaded,label:Nn(e.downloaded,`Downloaded`),description:`Finished, ready to file`,icon:mt}];return t.filter((e,n)=>t.findIndex(t=>Pn(t.path,e.path))===n)}var Z=X(Y);function Fn(e,t=Z){return t.find(t=>Pn(t.path,e))}function Q(e){return`/${e.split(`/`).filter(e=>e&&e!==`.`).join(`/`)}`}function In(e){let t=Q(e).split(`/`).filter(Boolean);return t.pop(),`/${t.join(`/`)}`}function Ln(e,t=Z){let n=e=>e.type===`directory`?+!Fn(e.path,t):2;return[...e].sort((e,t)=>n(e)-n(t)||e.name.localeCompare(t.name,void 0,{numeric:!0}))}var Rn=/\.(mkv|mp4|m4v|avi|mov|wmv|ts|m2ts|webm|mpg|mpeg)$/i;function zn(e,t=Z){return e.type===`directory`?Fn(e.path,t)?.icon??`M20,18H4V8H20M20,6H12L10,4H4C2.89,4 2,4.89 2,6V18A2,2 0 0,0 4,20H20A2,2 0 0,0 22,18V8C22,6.89 21.1,6 20,6Z`:Rn.test(e.name)?pt:ft}function Bn(e,t){let n=e.type===`file`&&e.size!=null?U(e.size,t):null,r=un(e.modified,t);return E`<span class="file-meta">
    ${e.type===`directory`?E`<span>Folder</span>`:O}
    ${n?E`<span class="size">${n}</span>`:O}
    ${r?E`<time datetime=${e.modified??``} title=${dn(e.modified,t)}
          >${r}</time
        >`:O}
  </span>`}function Vn(e,t){let n=e.type===`directory`,r=t.pinned??Z,i=n?Fn(e.path,r):void 0,a=n&&t.onOpen?E`<button class="file-name open" @click=${()=>t.onOpen(e)}>${e.name}</button>`:E`<span class="file-name">${e.name}</span>`;return E`<li
    class="file ${n?`folder`:``} ${i?`pinned`:``} ${t.selected?`selected`:``}"
    data-path=${e.path}
  >
    ${t.selectable?E`<label class="file-select">
          <input
            type="checkbox"
            aria-label="Select ${e.name}"
            .checked=${!!t.selected}
            @click=${n=>t.onToggle?.(e,n)}
          />
        </label>`:O}
    <span class="file-icon">${L(zn(e,r))}</span>
    <div class="file-main">
      ${a}
      ${Bn(e,t.language)}
    </div>
    ${i?E`<span class="chip pin">${i.description}</span>`:O}
  </li>`}function Hn(){return E`<li class="file" aria-hidden="true">
    <span class="skeleton" style="width: 24px; height: 24px"></span>
    <div class="file-main">
      <span class="skeleton" style="height: 16px; width: 60%"></span>
      <span class="skeleton" style="height: 12px; width: 30%; margin-top: 6px"></span>
    </div>
  </li>`}var Un=o`
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
`,$=`pandora-files-card`,Wn=Y.downloaded;function Gn(e,t){return t===void 0?e[0]:e.find(e=>e.id===t)??e.find(e=>e.title===t)}function Kn(e){let t=Pt($,e),n=z($,t,`title`),r=z($,t,`path`);if(r!==void 0&&r.split(/[/\\]/).some(e=>e.trim()===`..`))throw new R($,`path must stay inside the share (no “..”).`);let i=z($,t,`instance`);return{...Ft(t,`title`,`path`,`instance`),type:String(t.type??`custom:pandora-files-card`),...n===void 0?{}:{title:n},...r?.trim()?{path:Q(r.trim())}:{},...i===void 0?{}:{instance:i.trim()}}}var qn=class extends Rt{static get properties(){return{_load:{state:!0},_folders:{state:!0}}}constructor(){super(),this.requestId=0,this.infoId=0,this._load={status:`loading`,path:Wn},this._folders=null}get root(){return this._config?.path??this._folders?.downloaded??Wn}static getStubConfig(){return{path:Wn}}static getConfigForm(){return Bt([{name:`title`,label:`Title`,helper:`Shown at the top of the card. Empty: the folder's name.`,selector:B()},{name:`path`,label:`Folder`,helper:`A folder of the share, from its root, such as /Downloaded or /Movies. Empty: the share's Downloaded folder.`,selector:B()},{name:`instance`,label:`Cloud Commander share`,helper:`Only with several shares: the share's name as Pandora lists it, or its id. Empty: the first share.`,selector:B()}])}checkConfig(e){return Kn(e)}connected(){this._config&&this.start()}configured(e){if(!this.api.hass)return;let t=this._config;!e||e.instance!==t.instance?this.start():e.path!==t.path&&this.open(this.root)}start(){this._folders=null;let e=this.loadFolders();this._config?.path?this.open(this._config.path):e.then(async e=>{e&&await this.open(this.root)})}async loadFolders(){let e=++this.infoId,t;try{let n=(await this.api.info()).services.cloudcmd??[],r=Gn(n,this._config?.instance);e===this.infoId&&(this.panelShare=r&&r!==n[0]?r.id:void 0),t=Mn(r)}catch{t={...Y}}return e===this.infoId&&(this._folders=t,this._load.status===`ready`&&(this._load={...this._load,files:Ln(this._load.files,X(t))}),!0)}getCardSize(){return 6}getGridOptions(){return{columns:12,rows:`auto`,min_columns:6,min_rows:3}}async open(e){if(!this.api.hass||!this._config)return;let t=Q(e),n=++this.requestId;this._load={status:`loading`,path:t};try{let e=await this.api.listFiles(t,this._config.instance);if(n!==this.requestId)return;let r=X(this._folders??Y);this._load={status:`ready`,path:t,files:Ln(e.files,r)}}catch(e){n===this.requestId&&(this._load={status:`error`,path:t,error:e})}}render(){let e=this._config;if(!e)return O;let t=this._load.path,n=this.root,r=t.split(`/`).filter(Boolean).pop()??`Files`,i=t===n?e.title??r:r,a=E`${t!==n&&t.startsWith(n===`/`?`/`:`${n}/`)?E`<button class="icon-btn" aria-label="Up to ${In(t)}" title="Up" @click=${()=>void this.open(In(t))}>
            ${L(ct)}
          </button>`:O}
      <button
        class="icon-btn"
        aria-label="Refresh"
        title="Refresh"
        ?disabled=${this._load.status===`loading`}
        @click=${()=>void this.open(t)}
      >
        ${L(St)}
      </button>`,o=Ot({tab:`files`,folder:t,share:this.panelShare}).slice(1);return this.frame(i,this.renderBody(),{link:o,linkLabel:`Open Files in Pandora`,tools:a})}renderBody(){let e=this._load;if(e.status===`loading`)return E`<ul class="files" aria-busy="true" aria-label="Loading ${e.path}">${[0,1,2].map(Hn)}</ul>`;if(e.status===`error`)return Zt(`Could not open ${e.path}`,e.error,()=>void this.open(e.path));if(!e.files.length)return Qt(gt,`This folder is empty`,`Nothing is in ${e.path} right now.`);let t=this.api.language,n=X(this._folders??Y);return E`<ul class="files" aria-label="Files in ${e.path}">
      ${We(e.files,e=>e.path,e=>Vn(e,{language:t,pinned:n,onOpen:e=>void this.open(e.path)}))}
    </ul>`}static{this.styles=[...$t,zt,Un,o`
      .card-body {
        padding: 0 4px 8px;
      }
      .file {
        padding: 4px 12px;
      }
      .state {
        padding: 16px;
      }
    `]}};Ut($,qn),Nt({type:$,name:`Pandora files`,description:`A folder of your Cloud Commander share, such as the finished downloads.`}),Ke(import.meta.url,location.pathname);export{tn as PandoraDiscoverCard,An as PandoraDownloadsCard,qn as PandoraFilesCard};