<?php
/*
 * The pay system's description for the admin (Store > Payment systems):
 * its name and the settings ("business values") handler.php reads with
 * getBusinessValue().
 */
use Bitrix\Main\Localization\Loc;

Loc::loadMessages(__FILE__);

$description = [
    'MAIN' => Loc::getMessage('SALE_HPS_FREEDOMPAY_DESCRIPTION'),
];

$data = [
    'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_NAME'),
    'SORT' => 500,
    'CODES' => [
        'FREEDOMPAY_MERCHANT_ID' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_MERCHANT_ID'),
            'SORT' => 100,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
        ],
        'FREEDOMPAY_SECRET_KEY' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_SECRET_KEY'),
            'DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_SECRET_KEY_DESC'),
            'SORT' => 200,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
        ],
        'FREEDOMPAY_REGION' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_REGION'),
            'SORT' => 300,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
            'INPUT' => ['TYPE' => 'ENUM', 'OPTIONS' => ['kz' => 'Kazakhstan', 'kg' => 'Kyrgyzstan', 'uz' => 'Uzbekistan']],
            'DEFAULT' => ['PROVIDER_KEY' => 'INPUT', 'PROVIDER_VALUE' => 'kz'],
        ],
        'FREEDOMPAY_TEST_MODE' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_TEST_MODE'),
            'SORT' => 400,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
            'INPUT' => ['TYPE' => 'Y/N'],
            'DEFAULT' => ['PROVIDER_KEY' => 'INPUT', 'PROVIDER_VALUE' => 'Y'],
        ],
        'FREEDOMPAY_CHECK_URL' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_CHECK_URL'),
            'DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_CHECK_URL_DESC'),
            'SORT' => 500,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
            'INPUT' => ['TYPE' => 'Y/N'],
            'DEFAULT' => ['PROVIDER_KEY' => 'INPUT', 'PROVIDER_VALUE' => 'N'],
        ],
        'FREEDOMPAY_ORDER_PREFIX' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_ORDER_PREFIX'),
            'DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_ORDER_PREFIX_DESC'),
            'SORT' => 600,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
            'DEFAULT' => ['PROVIDER_KEY' => 'VALUE', 'PROVIDER_VALUE' => 'bx-'],
        ],
        'FREEDOMPAY_RESULT_URL' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_RESULT_URL'),
            'DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_RESULT_URL_DESC'),
            'SORT' => 700,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
        ],
        'FREEDOMPAY_SUCCESS_URL' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_SUCCESS_URL'),
            'SORT' => 800,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
        ],
        'FREEDOMPAY_FAILURE_URL' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_FAILURE_URL'),
            'SORT' => 900,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
        ],
        'FREEDOMPAY_BASE_URL' => [
            'NAME' => Loc::getMessage('SALE_HPS_FREEDOMPAY_BASE_URL'),
            'DESCRIPTION' => Loc::getMessage('SALE_HPS_FREEDOMPAY_BASE_URL_DESC'),
            'SORT' => 1000,
            'GROUP' => 'CONNECT_SETTINGS_FREEDOMPAY',
        ],
    ],
];
