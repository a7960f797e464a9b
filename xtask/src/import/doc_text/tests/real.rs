//! Real catalogue strings (tccli 3.1.189.1, ESS 2020-11-11) and what they become.

/// `(where in api.json, document, text)`.
pub(super) const REAL: &[(&str, &str, &str)] = &[
    (
        "M:OperateSealsRequest.Act",
        "操作类型，int，目前支持传入以下类型：\n<ul><li>1：启用印章</li></ul>\n<ul><li>2：停用印章</li></ul>",
        "操作类型，int，目前支持传入以下类型：\n\n- 1：启用印章\n- 2：停用印章",
    ),
    (
        "M:CreateFileCounterSignRequest.SyncMode",
        "是否使用同步模式。\n<ul><li><b>false</b>:异步模式，返回taskId。需要使用taskId轮询结果查询接口。</li>\n<li><b>true</b>: 同步模式，此接口将直接返回taskId和ResultFileId(加签后文件id)。</li></ul>\n注：\n1. 当加签文件较大的时候，建议使用异步接口进行操作。否则文件加签时间过长会导致接口超时。",
        "是否使用同步模式。\n\n- **false**:异步模式，返回taskId。需要使用taskId轮询结果查询接口。\n- **true**: 同步模式，此接口将直接返回taskId和ResultFileId(加签后文件id)。\n\n注：\n\n1. 当加签文件较大的时候，建议使用异步接口进行操作。否则文件加签时间过长会导致接口超时。",
    ),
    (
        "M:ApproverInfo.PinCode",
        "<h2>PinCode计算规则</h2>  <p>当使用 PIN 码授权签进行身份验证时，需要按以下规则生成 <code>PinCode</code>。</p>  <h3 id=\"计算公式\">计算公式</h3>  <pre><code class=\"language-text\">PinCode = HMAC_SHA256(SHA256(PIN 码)，合同名称) </code></pre>  <p>示例： PinCode = HMAC_SHA256(SHA256(\"v0ZIwH8lRDLsWRHJWJT7PR05FoXdl4S2\")，\"给张三的入职合同\")</p>  <table> <thead> <tr> <th>参数</th> <th>说明</th> </tr> </thead>  <tbody> <tr> <td><strong>PIN 码</strong></td> <td>企业员工、他方(合作方)企业、个人授权的 PIN 码</td> </tr>  <tr> <td><strong>合同名称</strong></td> <td>签署流程名称，即FlowName，<font color=\"#FF0000\">需去除合同名称前后空格后再进行计算</font></td> </tr>   </tbody> </table>",
        "**PinCode计算规则**\n\n当使用 PIN 码授权签进行身份验证时，需要按以下规则生成 `PinCode`。\n\n**计算公式**\n\n`PinCode = HMAC_SHA256(SHA256(PIN 码)，合同名称)`\n\n示例： PinCode = HMAC_SHA256(SHA256(\"v0ZIwH8lRDLsWRHJWJT7PR05FoXdl4S2\")，\"给张三的入职合同\")\n\n参数 | 说明\n**PIN 码** | 企业员工、他方(合作方)企业、个人授权的 PIN 码\n**合同名称** | 签署流程名称，即FlowName，需去除合同名称前后空格后再进行计算",
    ),
    (
        "M:ApproverInfo.ApproverIdCardType",
        "<p>签署方经办人的证件类型，支持以下类型，样式可以参考<a href=\"https://qian.tencent.com/developers/partner/id_card_support/\" target=\"_blank\">常见个人证件类型介绍</a><br>&lt;ul&gt;<li>ID_CARD 中国大陆居民身份证  (默认值)</li></p><li>HONGKONG_AND_MACAO 港澳居民来往内地通行证</li><li>HONGKONG_MACAO_AND_TAIWAN 港澳台居民居住证(格式同居民身份证)</li><p>注:  港澳居民来往内地通行证 和  港澳台居民居住证 类型的签署人<b>至少要过一次大陆的海关</b>才能使用。</p>",
        "签署方经办人的证件类型，支持以下类型，样式可以参考常见个人证件类型介绍 (https://qian.tencent.com/developers/partner/id_card_support/)\n\n- ID_CARD 中国大陆居民身份证 (默认值)\n- HONGKONG_AND_MACAO 港澳居民来往内地通行证\n- HONGKONG_MACAO_AND_TAIWAN 港澳台居民居住证(格式同居民身份证)\n\n注: 港澳居民来往内地通行证 和 港澳台居民居住证 类型的签署人**至少要过一次大陆的海关**才能使用。",
    ),
    (
        "M:FlowCreateApprover.VerifyChannel",
        "<p>签署意愿确认渠道，默认为WEIXINAPP:人脸识别</p><p>注: &lt;font color=&quot;red&quot;&gt;不再使用, <code>用ApproverSignTypes签署人签署合同时的认证方式代替, 新客户可请用ApproverSignTypes来设置</code></p>",
        "签署意愿确认渠道，默认为WEIXINAPP:人脸识别\n\n注: 不再使用, `用ApproverSignTypes签署人签署合同时的认证方式代替, 新客户可请用ApproverSignTypes来设置`",
    ),
    (
        "M:CreateBatchQuickSignUrlRequest.FlowApproverInfo",
        "<p>批量签署的流程签署人，其中姓名(ApproverName)、参与人类型(ApproverType)必传，手机号(ApproverMobile)和证件信息(ApproverIdCardType、ApproverIdCardNumber)可任选一种或全部传入。</p><ul><li>若为个人参与方：ApproverType=1</li><li>若为企业参与方：ApproverType=0。同时 OrganizationName 参数需传入参与方企业名称。 </li></ul>注:<code>1. 暂不支持签署人拖动签署控件功能，以及签批控件。</code><code>2. 当需要通过短信验证码签署时，手机号ApproverMobile需要与发起合同时填写的用户手机号一致。</code>",
        "批量签署的流程签署人，其中姓名(ApproverName)、参与人类型(ApproverType)必传，手机号(ApproverMobile)和证件信息(ApproverIdCardType、ApproverIdCardNumber)可任选一种或全部传入。\n\n- 若为个人参与方：ApproverType=1\n- 若为企业参与方：ApproverType=0。同时 OrganizationName 参数需传入参与方企业名称。\n\n注:`1. 暂不支持签署人拖动签署控件功能，以及签批控件。` `2. 当需要通过短信验证码签署时，手机号ApproverMobile需要与发起合同时填写的用户手机号一致。`",
    ),
    (
        "M:CreateOrganizationGroupInvitationLinkResponse.MiniAppPath",
        "腾讯电子签小程序加入集团链接。\n\n<li>小程序和APP集成使用</li>\n<li>得到的链接类似于`pages/guide?shortKey=yDw***k1xFc5`, 用法可以参考：<a href=\"https://qian.tencent.com/developers/company/openwxminiprogram\" target=\"_blank\">跳转电子签小程序</a></li>\n\n\n注： <font color=\"red\">生成的链路后面不能再增加参数</font>",
        "腾讯电子签小程序加入集团链接。\n\n- 小程序和APP集成使用\n- 得到的链接类似于`pages/guide?shortKey=yDw***k1xFc5`, 用法可以参考：跳转电子签小程序 (https://qian.tencent.com/developers/company/openwxminiprogram)\n\n注： 生成的链路后面不能再增加参数",
    ),
    (
        "A:ArchiveDynamicFlow",
        "该接口用于结束动态签署方2.0的合同流程。\n\n\n**功能开通**\n- 动态签署方2.0功能的使用需要先<font color=\"red\">联系产品经理开通模块化计费功能</font>，然后到控制台中打开此功能。详细的使用说明请参考<a href=\"https://qian.tencent.com/developers/company/dynamic_signer_v2\" target=\"_blank\">动态签署方2.0</a>文档。\n\n**使用条件**\n- 此接口只能在<font color=\"red\">合同处于非终态且<b>所有的签署方都已经完成签署</b></font>。一旦合同进入终态（例如：过期、拒签、撤销或者调用过此接口成功过），将无法通过此接口结束合同流程。\n\n**整体流程**\n![image](https://qcloudimg.tencent-cloud.cn/raw/75d323c66e44b05bbc8e949c18664455.png)",
        "该接口用于结束动态签署方2.0的合同流程。\n\n**功能开通**\n\n- 动态签署方2.0功能的使用需要先联系产品经理开通模块化计费功能，然后到控制台中打开此功能。详细的使用说明请参考动态签署方2.0 (https://qian.tencent.com/developers/company/dynamic_signer_v2)文档。\n\n**使用条件**\n\n- 此接口只能在合同处于非终态且**所有的签署方都已经完成签署**。一旦合同进入终态（例如：过期、拒签、撤销或者调用过此接口成功过），将无法通过此接口结束合同流程。\n\n**整体流程**\n(图片: https://qcloudimg.tencent-cloud.cn/raw/75d323c66e44b05bbc8e949c18664455.png)",
    ),
    (
        "A:CreateFlowReminds",
        "指定需要批量催办的签署流程ID，批量催办合同，最多100个\n##### 需要符合以下条件的合同才可被催办：\n<ol>\n<li>发起合同时，**设置了签署人通知类型：SMS,EMAIL,ALL**</li>\n<li>合同中当前状态为 **待签署** 的签署人是催办的对象</li>\n<li>**每个合同的每个签署方最多3次*</li>\n</ol>\n\n##### 催办的规则和效果：\n###### 规则\n\n- 指定RemindTypes，会触发符合签署人NotifyType的通知类型\n    -  这里EMAIL类型例外，如果指定了RemindEmailInfos，那么就会按照指定的email来通知，不管签署人NotifyType是否设置了EMAIL通知类型\n        - 如果指定了RemindEmailInfos，那么就会按照指定的email来通知\n- 若未指定RemindTypes，则按照发起合同时设置的签署人原始通知类型处理\n\n###### 效果\n\n\n<li>对方会收到如下的短信通知</li>\n\n![image](https://qcloudimg.tencent-cloud.cn/raw/3caf94b7f540fa5736270d38528d3a7b.png)\n\n<li>对方会收到如下的邮件通知</li>\n\n![image](https://qcloudimg.tencent-cloud.cn/raw/0841ccbd8db9747760b17914dcc166c6.png)\n\n注：`合同催办是白名单功能，请联系客户经理申请开白后使用`",
        "指定需要批量催办的签署流程ID，批量催办合同，最多100个\n\n**需要符合以下条件的合同才可被催办：**\n\n1. 发起合同时，**设置了签署人通知类型：SMS,EMAIL,ALL**\n2. 合同中当前状态为 **待签署** 的签署人是催办的对象\n3. **每个合同的每个签署方最多3次*\n\n**催办的规则和效果：**\n\n**规则**\n\n- 指定RemindTypes，会触发符合签署人NotifyType的通知类型\n  - 这里EMAIL类型例外，如果指定了RemindEmailInfos，那么就会按照指定的email来通知，不管签署人NotifyType是否设置了EMAIL通知类型\n    - 如果指定了RemindEmailInfos，那么就会按照指定的email来通知\n- 若未指定RemindTypes，则按照发起合同时设置的签署人原始通知类型处理\n\n**效果**\n\n- 对方会收到如下的短信通知\n\n(图片: https://qcloudimg.tencent-cloud.cn/raw/3caf94b7f540fa5736270d38528d3a7b.png)\n\n- 对方会收到如下的邮件通知\n\n(图片: https://qcloudimg.tencent-cloud.cn/raw/0841ccbd8db9747760b17914dcc166c6.png)\n\n注：`合同催办是白名单功能，请联系客户经理申请开白后使用`",
    ),
    (
        "M:Component.ComponentId",
        "<p>控件唯一ID。</p><p><strong>在绝对定位方式方式下</strong>，ComponentId为控件的ID，长度不能超过30，只能由中文、字母、数字和下划线组成，可以在后续的操作中使用该名称来引用控件。</p><p><strong>在关键字定位方式下</strong>，ComponentId不仅为控件的ID，也是关键字整词。此方式下可以通过&quot;^&quot;来决定是否使用关键字整词匹配能力。</p><p>例：</p><ul><li>如传入的关键字&lt;font color=&quot;red&quot;&gt;&quot;^甲方签署^&quot;，则会在PDF文件中有且仅有&quot;甲方签署&quot;关键字的地方（&lt;font color=&quot;red&quot;&gt;前后不能有其他字符）进行对应操作。</li><li>如传入的关键字为&lt;font color=&quot;red&quot;&gt;&quot;甲方签署&quot;，则PDF文件中每个出现关键字的位置（&lt;font color=&quot;red&quot;&gt;前后可以有其他字符）都会执行相应操作。</li></ul><p>注：<code>控件ID可以在一个PDF中不可重复</code></p><p><a href=\"https://qcloudimg.tencent-cloud.cn/raw/93178569d07b4d7dbbe0967ae679e35c.png\" target=\"_blank\">点击查看ComponentId在模板编辑页面的位置</a></p>",
        "控件唯一ID。\n\n**在绝对定位方式方式下**，ComponentId为控件的ID，长度不能超过30，只能由中文、字母、数字和下划线组成，可以在后续的操作中使用该名称来引用控件。\n\n**在关键字定位方式下**，ComponentId不仅为控件的ID，也是关键字整词。此方式下可以通过\"^\"来决定是否使用关键字整词匹配能力。\n\n例：\n\n- 如传入的关键字\"^甲方签署^\"，则会在PDF文件中有且仅有\"甲方签署\"关键字的地方（前后不能有其他字符）进行对应操作。\n- 如传入的关键字为\"甲方签署\"，则PDF文件中每个出现关键字的位置（前后可以有其他字符）都会执行相应操作。\n\n注：`控件ID可以在一个PDF中不可重复`\n\n点击查看ComponentId在模板编辑页面的位置 (https://qcloudimg.tencent-cloud.cn/raw/93178569d07b4d7dbbe0967ae679e35c.png)",
    ),
    (
        "M:CreateSealRequest.SealSize",
        "<p>印章尺寸，格式为 宽_高（单位：mm，整数），用于签署时按物理尺寸将印章加盖到PDF。<br>取值范围：<br> • 图片上传印章（Image 或 FileToken 非空时生效）：支持自定义尺寸，宽、高均为 10-100 的整数（即 1cm-10cm），宽高比（宽/高）需在 0.1-10 之间。<br>• 系统生成印章（未传 Image 与 FileToken）：仅支持与SealStyle 匹配的固定枚举值：<br>\u{2003} - 圆形印章（SealStyle=cycle）：38_38 / 40_40 / 42_42 / 45_45 / 50_50 / 58_58<br>\u{2003} - 椭圆印章（SealStyle=ellipse）：40_30 / 45_30<br>字段依赖关系：<br> • 与 SealStyle关联：仅系统生成印章场景下 SealStyle 生效，此时 SealSize 需与 SealStyle对应的枚举匹配；图片上传印章场景 SealStyle 会被忽略，SealSize支持自定义。<br> • 与 SealType 关联：公章/合同章仅支持圆形枚举，财务/人事/其它章支持圆形或椭圆枚举。<br>• 与 Image / FileToken 关联：SealSize 是加盖到 PDF的物理尺寸，与上传图片的像素分辨率无绑定，图片会按 SealSize 缩放渲染；建议上传图片的宽高比与 SealSize 保持一致，避免拉伸形变。</p>",
        "印章尺寸，格式为 宽_高（单位：mm，整数），用于签署时按物理尺寸将印章加盖到PDF。\n取值范围：\n• 图片上传印章（Image 或 FileToken 非空时生效）：支持自定义尺寸，宽、高均为 10-100 的整数（即 1cm-10cm），宽高比（宽/高）需在 0.1-10 之间。\n• 系统生成印章（未传 Image 与 FileToken）：仅支持与SealStyle 匹配的固定枚举值：\n\n- 圆形印章（SealStyle=cycle）：38_38 / 40_40 / 42_42 / 45_45 / 50_50 / 58_58\n- 椭圆印章（SealStyle=ellipse）：40_30 / 45_30\n\n字段依赖关系：\n• 与 SealStyle关联：仅系统生成印章场景下 SealStyle 生效，此时 SealSize 需与 SealStyle对应的枚举匹配；图片上传印章场景 SealStyle 会被忽略，SealSize支持自定义。\n• 与 SealType 关联：公章/合同章仅支持圆形枚举，财务/人事/其它章支持圆形或椭圆枚举。\n• 与 Image / FileToken 关联：SealSize 是加盖到 PDF的物理尺寸，与上传图片的像素分辨率无绑定，图片会按 SealSize 缩放渲染；建议上传图片的宽高比与 SealSize 保持一致，避免拉伸形变。",
    ),
    (
        "M:CreateUserVerifyUrlResponse.UserVerifyUrl",
        "<p>腾讯电子签小程序的实名认证链接。<br>如果没有传递，默认值是 HTTP。 链接的有效期均是 7 天。</p><p><strong>1.如果EndPoint是APP</strong>：<br>得到的链接类似于<a href=\"\">pages/guide/index?to=MP_PERSONAL_VERIFY&amp;shortKey=yDCZHUyOcExAlcOvNod0</a>, 用法可以参考描述中的&quot;跳转到小程序的实现&quot;</p><p><strong>2.如果EndPoint是HTTP</strong>：<br>得到的链接类似于 <a href=\"\">https://res.ess.tencent.cn/cdn/h5-activity/jump-mp.html?to=TAG_VERIFY&amp;shortKey=yDCZHUyOcChrfpaswT0d</a>，点击后会跳转到腾讯电子签小程序进行签署</p><p><strong>3.如果EndPoint是HTTP_SHORT_URL</strong>：<br>得到的链接类似于<a href=\"\">https://essurl.cn/2n**42Nd</a>，点击后会跳转到腾讯电子签小程序进行签署</p><p><strong>4.如果EndPoint是H5</strong>：<br>得到的链接类似于 <a href=\"\">https://quick.test.qian.tencent.cn/guide?Code=yDU<strong><strong>VJhsS5q&amp;CodeType=xxx&amp;shortKey=yD*</strong></strong>frcb</a>，点击后会跳转到腾讯电子签H5页面进行签署</p><p><strong>5.如果EndPoint是H5_SHORT_URL</strong>：<br>得到的链接类似于<a href=\"\">https://essurl.cn/2n**42Nd</a>，点击后会跳转到腾讯电子签H5页面进行签署</p><p><code>注：</code> <font color=\"red\">生成的链路后面不能再增加参数，防止出错重复参数覆盖原有的参数</font><br>示例值：https://essurl.cn/2n**42Nd</p>",
        "腾讯电子签小程序的实名认证链接。\n如果没有传递，默认值是 HTTP。 链接的有效期均是 7 天。\n\n**1.如果EndPoint是APP**：\n得到的链接类似于pages/guide/index?to=MP_PERSONAL_VERIFY&shortKey=yDCZHUyOcExAlcOvNod0, 用法可以参考描述中的\"跳转到小程序的实现\"\n\n**2.如果EndPoint是HTTP**：\n得到的链接类似于 https://res.ess.tencent.cn/cdn/h5-activity/jump-mp.html?to=TAG_VERIFY&shortKey=yDCZHUyOcChrfpaswT0d，点击后会跳转到腾讯电子签小程序进行签署\n\n**3.如果EndPoint是HTTP_SHORT_URL**：\n得到的链接类似于https://essurl.cn/2n**42Nd，点击后会跳转到腾讯电子签小程序进行签署\n\n**4.如果EndPoint是H5**：\n得到的链接类似于 https://quick.test.qian.tencent.cn/guide?Code=yDU**VJhsS5q&CodeType=xxx&shortKey=yD***frcb，点击后会跳转到腾讯电子签H5页面进行签署\n\n**5.如果EndPoint是H5_SHORT_URL**：\n得到的链接类似于https://essurl.cn/2n**42Nd，点击后会跳转到腾讯电子签H5页面进行签署\n\n`注：` 生成的链路后面不能再增加参数，防止出错重复参数覆盖原有的参数\n示例值：https://essurl.cn/2n**42Nd",
    ),
    (
        "A:CreateMiniAppPrepareFlow",
        "创建小程序发起流程链接，在小程序页面上完成签署人等信息的编辑与确认后，可快速发起流程。\n <br/>\n适用场景：如果需要签署人在自己的APP、小程序、H5应用中发起合同，可在收集合同信息，签署人等信息后（非必选），通过此接口获取跳转腾讯电子签小程序的合同发起跳转链接，跳转到腾讯电子签小程序继续合同的发起。\n\n跳转到小程序的实现，参考微信官方文档（分为<a href=\"https://developers.weixin.qq.com/miniprogram/dev/api/navigate/wx.navigateToMiniProgram.html\">全屏</a>、<a href=\"https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/openEmbeddedMiniProgram.html\">半屏</a>两种方式），如何配置也可以请参考: <a href=\"https://qian.tencent.com/developers/company/openwxminiprogram\">跳转电子签小程序配置</a>\n\n注：\n<ul>\n<li>1. 签署链接的有效期为<font color=\"red\">90天</font>，超过有效期链接不可用</li>\n<li>2. <font color=\"red\">生成的链路后面不能再增加参数</font>（会出现覆盖链接中已有参数导致错误）</li>\n <li>3. 调用接口后，<font color=\"red\">流程不会立即发起，需使用链接跳转到小程序上继续发起流程操作</font>。</li>\n<li>4. <font color=\"red\">使用链接成功发起一份合同后，链接立即失效</font></li>\n</ul>\n\n其中小程序的原始Id如下，或者查看小程序信息自助获取。\n\n| 小程序 | AppID | 原始ID |\n| ------------ | ------------ | ------------ |\n| 腾讯电子签（正式版） | wxa023b292fd19d41d | gh_da88f6188665 |\n| 腾讯电子签Demo | wx371151823f6f3edf | gh_39a5d3de69fa |",
        "创建小程序发起流程链接，在小程序页面上完成签署人等信息的编辑与确认后，可快速发起流程。\n\n适用场景：如果需要签署人在自己的APP、小程序、H5应用中发起合同，可在收集合同信息，签署人等信息后（非必选），通过此接口获取跳转腾讯电子签小程序的合同发起跳转链接，跳转到腾讯电子签小程序继续合同的发起。\n\n跳转到小程序的实现，参考微信官方文档（分为全屏 (https://developers.weixin.qq.com/miniprogram/dev/api/navigate/wx.navigateToMiniProgram.html)、半屏 (https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/openEmbeddedMiniProgram.html)两种方式），如何配置也可以请参考: 跳转电子签小程序配置 (https://qian.tencent.com/developers/company/openwxminiprogram)\n\n注：\n\n- 1. 签署链接的有效期为90天，超过有效期链接不可用\n- 2. 生成的链路后面不能再增加参数（会出现覆盖链接中已有参数导致错误）\n- 3. 调用接口后，流程不会立即发起，需使用链接跳转到小程序上继续发起流程操作。\n- 4. 使用链接成功发起一份合同后，链接立即失效\n\n其中小程序的原始Id如下，或者查看小程序信息自助获取。\n\n小程序 | AppID | 原始ID\n腾讯电子签（正式版） | wxa023b292fd19d41d | gh_da88f6188665\n腾讯电子签Demo | wx371151823f6f3edf | gh_39a5d3de69fa",
    ),
];
